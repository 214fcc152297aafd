package dev.switchboard.config;

import dev.switchboard.internal.util.Check;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * How Switchboard obtains an OAuth 2.1 access token for an HTTP server that is protected by the MCP authorization
 * spec, and sends it with every request to that server.
 *
 * <p>{@link Type#OAUTH}: the authorization code flow with PKCE, discovered from the server's 401 (Protected Resource
 * Metadata, then the authorization server's metadata); the client is the pre-registered {@code clientId} when one
 * is given, else the Client ID Metadata Document at {@code clientMetadataUrl} when the authorization server accepts
 * those, else one registered dynamically. {@link Type#CLIENT_CREDENTIALS}: a machine-to-machine token for
 * {@code clientId}, authenticated by {@code clientSecret} or by a JWT signed with {@code privateKey}.
 *
 * <p>The client secret and the private key are secrets: {@link #toString()} never shows them.
 *
 * @param scopes the scopes to ask for; empty: those the server asks for, else those it supports, else none
 * @param privateKey a PKCS#8 PEM private key (EC or RSA) for {@code private_key_jwt}, or null
 * @param signingAlgorithm the JWS algorithm of that key (ES256, RS256, ...), or null to derive it from the key
 */
public record HttpAuth(Type type, String clientId, String clientSecret, List<String> scopes, URI clientMetadataUrl,
        String privateKey, String signingAlgorithm) {

    /** The grant Switchboard uses. */
    public enum Type {
        /** Authorization code with PKCE; a person authorizes once (see {@code AuthorizationHandler}). */
        OAUTH("oauth"),
        /** The client credentials grant: no person involved. */
        CLIENT_CREDENTIALS("client_credentials");

        private final String text;

        Type(String text) {
            this.text = text;
        }

        /** The name in the configuration file. */
        public String text() {
            return text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    public HttpAuth {
        Objects.requireNonNull(type, "type");
        scopes = List.copyOf(scopes);
        if (type == Type.CLIENT_CREDENTIALS) {
            Check.argument(clientId != null && !clientId.isBlank(),
                    "auth.client_id: missing (expected: the client id for client_credentials)");
            Check.argument(clientSecret != null ^ privateKey != null,
                    "auth: %s (expected: exactly one of client_secret or private_key for client_credentials)",
                    clientSecret == null ? "neither client_secret nor private_key" : "both client_secret and"
                            + " private_key");
        }
        Check.argument(clientMetadataUrl == null || "https".equalsIgnoreCase(clientMetadataUrl.getScheme()),
                "auth.client_metadata_url: not https (expected: an https URL of a Client ID Metadata Document)");
    }

    /** The authorization code flow with PKCE and everything discovered. */
    public static HttpAuth oauth() {
        return builder(Type.OAUTH).build();
    }

    /** A builder of this type with nothing else set. */
    public static Builder builder(Type type) {
        return new Builder(type);
    }

    /** A builder that starts from this one. */
    public Builder toBuilder() {
        return new Builder(type).clientId(clientId).clientSecret(clientSecret).scopes(scopes)
                .clientMetadataUrl(clientMetadataUrl).privateKey(privateKey).signingAlgorithm(signingAlgorithm);
    }

    @Override
    public String toString() {
        return "HttpAuth[type=" + type + ", clientId=" + clientId + ", clientSecret="
                + (clientSecret == null ? null : Secrets.MASK) + ", scopes=" + scopes + ", clientMetadataUrl="
                + clientMetadataUrl + ", privateKey=" + (privateKey == null ? null : Secrets.MASK)
                + ", signingAlgorithm=" + signingAlgorithm + "]";
    }

    /** Builds an {@link HttpAuth} one setting at a time, so that a new setting never breaks a caller. */
    public static final class Builder {
        private final Type type;
        private String clientId;
        private String clientSecret;
        private List<String> scopes = List.of();
        private URI clientMetadataUrl;
        private String privateKey;
        private String signingAlgorithm;

        private Builder(Type type) {
            this.type = type;
        }

        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        public Builder clientSecret(String clientSecret) {
            this.clientSecret = clientSecret;
            return this;
        }

        public Builder scopes(List<String> scopes) {
            this.scopes = scopes;
            return this;
        }

        public Builder clientMetadataUrl(URI url) {
            this.clientMetadataUrl = url;
            return this;
        }

        /** A PKCS#8 PEM private key for {@code private_key_jwt}. */
        public Builder privateKey(String pem) {
            this.privateKey = pem;
            return this;
        }

        public Builder signingAlgorithm(String algorithm) {
            this.signingAlgorithm = algorithm;
            return this;
        }

        /** The settings, checked by the record's constructor. */
        public HttpAuth build() {
            return new HttpAuth(type, clientId, clientSecret, scopes, clientMetadataUrl, privateKey,
                    signingAlgorithm);
        }
    }
}
