package dev.switchboard.internal.auth;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds a protected server's authorization server the way the MCP authorization spec orders it: the Protected
 * Resource Metadata named by the 401's {@code resource_metadata}, else at the path-based then the root well-known
 * URI (RFC 9728); then the authorization server's metadata at RFC 8414's and OpenID Connect's well-known URIs, path
 * inserted before path appended. A server with no Protected Resource Metadata is a 2025-03-26 server: its origin is
 * the authorization server, with default endpoints when it publishes no metadata either.
 */
final class Discovery {
    private static final String PRM = "/.well-known/oauth-protected-resource";
    private static final String OAUTH = "/.well-known/oauth-authorization-server";
    private static final String OIDC = "/.well-known/openid-configuration";

    private Discovery() {
    }

    /** Where the flow goes: the resource to ask a token for, and the authorization server's metadata. */
    record Found(URI resource, ResourceMetadata protectedResource, ServerMetadata server) {
    }

    static Found discover(AuthHttp http, URI serverUrl, Challenge challenge) throws AuthFailure, InterruptedException {
        ResourceMetadata prm = protectedResource(http, serverUrl, challenge);
        URI resource = resourceFor(serverUrl, prm);
        if (prm.authorizationServers().isEmpty()) {
            URI origin = origin(serverUrl);
            ServerMetadata server = authorizationServer(http, origin).orElseGet(() -> ServerMetadata.defaults(origin));
            return new Found(resource, prm, server);
        }
        URI issuer = prm.authorizationServers().getFirst();
        ServerMetadata server = authorizationServer(http, issuer).orElseThrow(() -> new AuthFailure(
                "authorization server metadata discovery", "found no metadata for " + issuer + " at "
                + String.join(", ", metadataUrls(issuer).stream().map(URI::toString).toList())
                + "; check that the authorization server is up"));
        return new Found(resource, prm, server);
    }

    private static ResourceMetadata protectedResource(AuthHttp http, URI serverUrl, Challenge challenge)
            throws AuthFailure, InterruptedException {
        Set<URI> candidates = new LinkedHashSet<>();
        if (challenge.resourceMetadata() != null) {
            candidates.add(challenge.resourceMetadata());
        }
        String path = trimmedPath(serverUrl);
        URI origin = origin(serverUrl);
        if (!path.isEmpty()) {
            candidates.add(origin.resolve(PRM + path));
        }
        candidates.add(origin.resolve(PRM));
        for (URI url : candidates) {
            Optional<Map<String, Object>> json = get(http, url, "Protected Resource Metadata discovery");
            if (json.isPresent()) {
                return ResourceMetadata.parse(json.get());
            }
        }
        return ResourceMetadata.NONE;
    }

    /**
     * The {@code resource} parameter (RFC 8707): the metadata's resource, which must be this server or a prefix of
     * it (a token for another resource would be a token for someone else), else the server's canonical URL.
     */
    static URI resourceFor(URI serverUrl, ResourceMetadata prm) throws AuthFailure {
        URI canonical = canonical(serverUrl);
        if (prm.resource() == null) {
            return canonical;
        }
        URI resource = canonical(prm.resource());
        boolean sameOrigin = origin(resource).equals(origin(canonical));
        String prefix = trimmedPath(resource);
        String path = trimmedPath(canonical);
        if (!sameOrigin || !(path.equals(prefix) || path.startsWith(prefix + "/"))) {
            throw new AuthFailure("Protected Resource Metadata validation", "the metadata names the resource "
                    + prm.resource() + ", which is not this server (" + canonical + "); Switchboard does not"
                    + " obtain tokens for another resource: check the server's url");
        }
        return resource;
    }

    private static Optional<ServerMetadata> authorizationServer(AuthHttp http, URI issuer)
            throws AuthFailure, InterruptedException {
        for (URI url : metadataUrls(issuer)) {
            Optional<Map<String, Object>> json = get(http, url, "authorization server metadata discovery");
            if (json.isPresent()) {
                return Optional.of(ServerMetadata.parse(json.get(), url));
            }
        }
        return Optional.empty();
    }

    /** RFC 8414 section 3.1 and OpenID Connect Discovery 1.0, in the order of the MCP spec. */
    static List<URI> metadataUrls(URI issuer) {
        URI origin = origin(issuer);
        String path = trimmedPath(issuer);
        List<URI> urls = new ArrayList<>();
        if (path.isEmpty()) {
            urls.add(origin.resolve(OAUTH));
            urls.add(origin.resolve(OIDC));
        } else {
            urls.add(origin.resolve(OAUTH + path));
            urls.add(origin.resolve(OIDC + path));
            urls.add(origin.resolve(path + OIDC));
        }
        return urls;
    }

    private static Optional<Map<String, Object>> get(AuthHttp http, URI url, String step)
            throws AuthFailure, InterruptedException {
        try {
            return http.getJson(url);
        } catch (IOException e) {
            throw new AuthFailure(step, "could not read " + url + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); check that it is reachable", e);
        }
    }

    static URI origin(URI url) {
        return URI.create(url.getScheme().toLowerCase(Locale.ROOT) + "://" + url.getRawAuthority()
                .toLowerCase(Locale.ROOT) + "/");
    }

    /** The path without a trailing slash: "" for the root. */
    private static String trimmedPath(URI url) {
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** Scheme and host in lower case, no fragment (RFC 8707), no trailing slash on the root. */
    static URI canonical(URI url) {
        String origin = origin(url).toString();
        String path = trimmedPath(url);
        return URI.create(origin.substring(0, origin.length() - 1) + path
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
    }
}
