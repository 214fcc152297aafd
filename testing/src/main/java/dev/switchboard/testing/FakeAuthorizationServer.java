package dev.switchboard.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small OAuth 2.1 authorization server on a free loopback port, for tests of clients of servers protected by the
 * MCP authorization spec: it serves the protected server's Protected Resource Metadata (at
 * {@link #resourceMetadata()}, which a FakeMcpServer built with {@code requireBearer(ACCESS_TOKEN,
 * resourceMetadata())} names in its 401) and its own metadata, redirects every authorization request at once with
 * {@link #CODE}, and checks PKCE and the pre-registered client's secret ({@code client_secret_basic}) at its token
 * endpoint. It always issues {@link #ACCESS_TOKEN} (with {@link #REFRESH_TOKEN}); every request is recorded.
 */
public final class FakeAuthorizationServer implements AutoCloseable {
    public static final String ACCESS_TOKEN = "at-5be1c0ffee-access-token";
    public static final String REFRESH_TOKEN = "rt-77d00d-refresh-token";
    public static final String CODE = "code-4a7e-authorization-code";
    public static final String CLIENT_ID = "switchboard-test-client";
    public static final String CLIENT_SECRET = "cs-91f3-client-secret";

    private final HttpServer http;
    private volatile URI resource;
    /** Every request's path and parameters (query or form), in order. */
    public final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    /** The code verifiers the token endpoint received: secrets a test looks for in logs. */
    public final List<String> verifiers = new CopyOnWriteArrayList<>();
    private volatile String challenge;
    private volatile String tokenError;
    private volatile long expiresIn = 3600;

    /** Starts it on a free loopback port. */
    public FakeAuthorizationServer() throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", this::handle);
        http.start();
    }

    /** Its issuer: {@code http://127.0.0.1:PORT}. */
    public URI base() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    }

    /** The Protected Resource Metadata URL of the server it protects. */
    public URI resourceMetadata() {
        return base().resolve("/.well-known/oauth-protected-resource/mcp");
    }

    /** The protected server, named in its Protected Resource Metadata. */
    public void protect(String mcpUrl) {
        this.resource = URI.create(mcpUrl);
    }

    /** From now on the token endpoint answers this OAuth error. */
    public void failTokenRequestsWith(String error) {
        this.tokenError = error;
    }

    /** The lifetime of the tokens issued from now on. */
    public void expiresIn(long seconds) {
        this.expiresIn = seconds;
    }

    /** The requests to {@code path} ("/authorize", "/token", ...), each as its parameters and "path". */
    public List<Map<String, String>> requestsTo(String path) {
        return requests.stream().filter(r -> path.equals(r.get("path"))).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Map<String, String> params = params(exchange);
        params.put("path", path);
        requests.add(params);
        switch (path) {
            case "/.well-known/oauth-protected-resource/mcp" -> json(exchange, 200, "{\"resource\":\"" + resource
                    + "\",\"authorization_servers\":[\"" + base() + "\"],\"scopes_supported\":[\"mcp:read\"]}");
            case "/.well-known/oauth-authorization-server" -> json(exchange, 200, "{\"issuer\":\"" + base()
                    + "\",\"authorization_endpoint\":\"" + base() + "/authorize\",\"token_endpoint\":\"" + base()
                    + "/token\",\"response_types_supported\":[\"code\"],\"code_challenge_methods_supported\":"
                    + "[\"S256\"],\"token_endpoint_auth_methods_supported\":[\"client_secret_basic\"]}");
            case "/authorize" -> {
                challenge = params.get("code_challenge");
                exchange.getResponseHeaders().add("Location", params.get("redirect_uri") + "?code=" + CODE
                        + "&state=" + params.get("state"));
                exchange.sendResponseHeaders(302, -1);
                exchange.close();
            }
            case "/token" -> token(exchange, params);
            default -> json(exchange, 404, "{\"error\":\"not_found\"}");
        }
    }

    private void token(HttpExchange exchange, Map<String, String> form) throws IOException {
        String basic = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        String grant = form.get("grant_type");
        boolean ok = basic.equals(exchange.getRequestHeaders().getFirst("Authorization"))
                && ("refresh_token".equals(grant) ? REFRESH_TOKEN.equals(form.get("refresh_token"))
                        : CODE.equals(form.get("code")) && verifies(form.get("code_verifier")));
        if (form.get("code_verifier") != null) {
            verifiers.add(form.get("code_verifier"));
        }
        if (tokenError != null || !ok) {
            json(exchange, 400, "{\"error\":\"" + (tokenError != null ? tokenError : "invalid_grant") + "\"}");
            return;
        }
        json(exchange, 200, "{\"access_token\":\"" + ACCESS_TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                + expiresIn + ",\"refresh_token\":\"" + REFRESH_TOKEN + "\",\"scope\":\"mcp:read\"}");
    }

    private boolean verifies(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash).equals(challenge);
        } catch (NoSuchAlgorithmException | NullPointerException e) {
            return false;
        }
    }

    private static Map<String, String> params(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> out = new HashMap<>();
        for (String text : new String[] {query, body}) {
            if (text == null || text.isBlank()) {
                continue;
            }
            for (String pair : text.split("&")) {
                String[] kv = pair.split("=", 2);
                out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return out;
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
