package dev.switchboard.internal.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.JWTAuthenticationClaimsSet;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Token endpoint requests (authorization code, refresh, client credentials) with the client's authentication
 * method, always for the one resource (RFC 8707), and their answers turned into {@link Tokens}.
 */
final class TokenClient {
    private final AuthHttp http;
    private final Clock clock;

    TokenClient(AuthHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    /**
     * @param scopes the scopes to ask for (empty: none named); kept with the tokens
     * @param previousRefresh the refresh token to keep when a refresh answer carries no new one, or null
     */
    Tokens request(String step, ServerMetadata server, Client client, AuthorizationGrant grant, URI resource,
            List<String> scopes, String previousRefresh) throws AuthFailure, InterruptedException {
        TokenRequest.Builder b = builder(server, client, grant).resources(resource);
        if (!scopes.isEmpty()) {
            b.scope(new Scope(scopes.toArray(String[]::new)));
        }
        try {
            TokenResponse response = TokenResponse.parse(http.send(b.build().toHTTPRequest()));
            if (response instanceof TokenErrorResponse error) {
                var e = error.getErrorObject();
                throw new AuthFailure(step, "the authorization server answered " + e.getCode()
                        + Registrar.describe(e.getDescription()) + hint(e.getCode()));
            }
            var tokens = ((AccessTokenResponse) response).getTokens();
            long lifetime = tokens.getAccessToken().getLifetime();
            Instant now = clock.instant();
            Instant expires = lifetime > 0 ? now.plusSeconds(lifetime) : null;
            RefreshToken refresh = tokens.getRefreshToken();
            return new Tokens(tokens.getAccessToken().getValue(), refresh != null ? refresh.getValue()
                    : previousRefresh, expires, scopes, now);
        } catch (IOException | ParseException e) {
            // No cause kept: a parser's message may quote the answer, and the answer holds tokens.
            throw new AuthFailure(step, "no usable answer from " + server.tokenEndpoint() + " ("
                    + e.getClass().getSimpleName() + "); check that the authorization server is up");
        }
    }

    private static String hint(String code) {
        return switch (code == null ? "" : code) {
            case "invalid_client", "unauthorized_client" -> "; check auth.client_id and its secret or key";
            case "invalid_grant" -> "; the grant expired or was revoked: authorize again";
            case "invalid_scope" -> "; check auth.scopes";
            default -> "";
        };
    }

    private static TokenRequest.Builder builder(ServerMetadata server, Client client, AuthorizationGrant grant)
            throws AuthFailure {
        ClientID id = new ClientID(client.id());
        ClientAuthentication auth = switch (client.method()) {
            case Client.BASIC -> new ClientSecretBasic(id, new Secret(client.secret()));
            case Client.POST -> new ClientSecretPost(id, new Secret(client.secret()));
            case Client.JWT -> privateKeyJwt(server, client, id);
            default -> null;
        };
        return auth == null ? new TokenRequest.Builder(server.tokenEndpoint(), id, grant)
                : new TokenRequest.Builder(server.tokenEndpoint(), auth, grant);
    }

    /** The assertion's audience is the issuer, which RFC 7523bis recommends and servers accept. */
    private static ClientAuthentication privateKeyJwt(ServerMetadata server, Client client, ClientID id)
            throws AuthFailure {
        try {
            var claims = new JWTAuthenticationClaimsSet(id, new Audience(server.issuer()));
            return new PrivateKeyJWT(claims, JWSAlgorithm.parse(client.algorithm()), client.key(), null, null);
        } catch (JOSEException e) {
            throw new AuthFailure("signing the client assertion", "the key cannot sign with " + client.algorithm()
                    + "; check auth.private_key and auth.signing_algorithm", e);
        }
    }
}
