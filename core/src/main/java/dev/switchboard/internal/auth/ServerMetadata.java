package dev.switchboard.internal.auth;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The authorization server metadata (RFC 8414, or OpenID Connect discovery) the flow needs; for a 2025-03-26 server
 * without any, the default endpoints at the server's origin.
 *
 * @param registrationEndpoint null when the server offers no Dynamic Client Registration
 * @param authMethods {@code token_endpoint_auth_methods_supported}; empty when not given
 */
record ServerMetadata(String issuer, URI authorizationEndpoint, URI tokenEndpoint, URI registrationEndpoint,
        List<String> scopesSupported, List<String> authMethods, List<String> codeChallengeMethods,
        boolean clientMetadataDocuments, List<String> grantTypes) {

    static ServerMetadata parse(Map<String, Object> json, URI from) throws AuthFailure {
        URI token = uri(json.get("token_endpoint"));
        String issuer = json.get("issuer") instanceof String s ? s : null;
        if (token == null || issuer == null) {
            throw new AuthFailure("authorization server metadata discovery", "the metadata at " + from
                    + " has no " + (issuer == null ? "issuer" : "token_endpoint")
                    + "; ask the server's operator to fix its metadata");
        }
        return new ServerMetadata(issuer, uri(json.get("authorization_endpoint")), token,
                uri(json.get("registration_endpoint")), strings(json.get("scopes_supported")),
                strings(json.get("token_endpoint_auth_methods_supported")),
                strings(json.get("code_challenge_methods_supported")),
                Boolean.TRUE.equals(json.get("client_id_metadata_document_supported")),
                strings(json.get("grant_types_supported")));
    }

    /** The 2025-03-26 fallback: {@code /authorize}, {@code /token} and {@code /register} at the server's origin. */
    static ServerMetadata defaults(URI origin) {
        return new ServerMetadata(origin.toString(), origin.resolve("/authorize"), origin.resolve("/token"),
                origin.resolve("/register"), List.of(), List.of(), List.of(), false, List.of());
    }

    static URI uri(Object value) {
        try {
            return value instanceof String s && !s.isBlank() ? URI.create(s.trim()) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static List<String> strings(Object value) {
        return value instanceof List<?> list ? list.stream().filter(String.class::isInstance)
                .map(String.class::cast).toList() : List.of();
    }
}
