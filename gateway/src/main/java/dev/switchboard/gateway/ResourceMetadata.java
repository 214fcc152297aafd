package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.config.GatewayOAuth;
import java.net.URI;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The gateway's OAuth 2.0 Protected Resource Metadata (RFC 9728), which an MCP client reads to find the
 * authorization server that issues tokens for the gateway and the scopes to ask for: at
 * {@code /.well-known/oauth-protected-resource} followed by the resource's path (where the {@code resource_metadata}
 * of every 401 points), and at the bare well-known path for clients that look there first. Open to all, like the
 * probes; absent (404) without {@code gateway.oauth}.
 */
final class ResourceMetadata extends Handler.Abstract {
    static final String WELL_KNOWN = "/.well-known/oauth-protected-resource";

    private final AccessControl access;
    private final String resourceName;

    ResourceMetadata(AccessControl access, String resourceName) {
        this.access = access;
        this.resourceName = resourceName;
    }

    /** Whether a path is one of the metadata's, which need no token. */
    static boolean isMetadataPath(String path) {
        return path.equals(WELL_KNOWN) || path.startsWith(WELL_KNOWN + "/");
    }

    /** Where the metadata of the resource is: its origin, the well-known path, then its own path (RFC 9728 3.1). */
    static URI url(URI resource) {
        String path = resource.getRawPath() == null ? "" : resource.getRawPath().replaceAll("/+$", "");
        return URI.create(resource.getScheme() + "://" + resource.getRawAuthority() + WELL_KNOWN + path);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        AccessTokens tokens = access.accessTokens();
        if (!isMetadataPath(path) || tokens == null || !served(path, tokens.resource())) {
            return false;
        }
        if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            AccessHandler.refuse(path, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, request.getMethod()
                    + " is not allowed on the resource metadata (expected: GET)");
            return true;
        }
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "max-age=300");
        // Any web page may read it: it is public, and browser-based MCP clients fetch it across origins.
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        byte[] body = JsonRpc.bytes(document(tokens));
        response.write(true, request.getMethod().equals("HEAD") ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body),
                callback);
        return true;
    }

    /** The bare well-known path, the resource's own and the MCP endpoint's (behind a proxy they may differ). */
    private static boolean served(String path, URI resource) {
        String own = url(resource).getRawPath();
        return path.equals(WELL_KNOWN) || path.equals(own) || path.equals(WELL_KNOWN + McpEndpoint.PATH);
    }

    private ObjectNode document(AccessTokens tokens) {
        GatewayOAuth oauth = tokens.settings();
        ObjectNode doc = JsonRpc.object();
        doc.put("resource", tokens.resource().toString());
        doc.putArray("authorization_servers").add(oauth.issuer());
        doc.putArray("bearer_methods_supported").add("header");
        var scopes = doc.putArray("scopes_supported");
        oauth.scopesSupported().forEach(scopes::add);
        doc.put("resource_name", resourceName);
        return doc;
    }

    /**
     * The {@code WWW-Authenticate} value of a refusal: where the metadata is and the scope to ask for, so that an
     * MCP client can get a token by itself; with {@code error} (and its description) when a token was refused.
     */
    static String challenge(AccessTokens tokens, String error, String description, String scope) {
        StringBuilder out = new StringBuilder("Bearer realm=\"switchboard\"");
        if (error != null) {
            out.append(", error=\"").append(error).append('"');
            out.append(", error_description=\"").append(TokenProblems.quotable(description)).append('"');
        }
        String scopes = scope != null ? scope : String.join(" ", tokens.settings().scopesRequired());
        if (!scopes.isEmpty()) {
            out.append(", scope=\"").append(TokenProblems.quotable(scopes)).append('"');
        }
        out.append(", resource_metadata=\"").append(url(tokens.resource())).append('"');
        return out.toString();
    }
}
