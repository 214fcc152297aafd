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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A small OAuth 2.1 authorization server on a free loopback port, for tests of clients of servers protected by the
 * MCP authorization spec: it serves the protected server's Protected Resource Metadata (at
 * {@link #resourceMetadata()}, which a FakeMcpServer built with {@code requireBearer(ACCESS_TOKEN,
 * resourceMetadata())} names in its 401) and its own metadata, redirects every authorization request at once with
 * {@link #CODE}, and checks PKCE and the pre-registered client's secret ({@code client_secret_basic}) at its token
 * endpoint. It issues {@link #ACCESS_TOKEN} (with {@link #REFRESH_TOKEN}), or with {@link #perLoginTokens} a
 * distinct pair for every login and refresh; its revocation endpoint ({@code /revoke}, RFC 7009) revokes either
 * kind. Every request is recorded.
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
    private volatile BiConsumer<String, String> onIssued;
    private volatile Consumer<String> onRevoked = token -> { };
    private volatile String loginUser = "user";
    private final AtomicInteger issued = new AtomicInteger();
    /** Per-login mode: the codes not yet redeemed and the live refresh tokens, each with its user. */
    private final Map<String, String> codes = new ConcurrentHashMap<>();
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
    /** Every access token issued in per-login mode, in order. */
    public final List<String> issuedAccessTokens = new CopyOnWriteArrayList<>();
    /** Every access and refresh token revoked so far. */
    public final Set<String> revoked = ConcurrentHashMap.newKeySet();

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

    /**
     * From now on every login (code) and every refresh issues a new access token for the user who logged in (see
     * {@link #loginAs}), told to {@code onIssued} (token, user) before the client gets it: a test passes
     * {@code server::accept} of the protected FakeMcpServer. Codes and refresh tokens are then checked one by one.
     */
    public void perLoginTokens(BiConsumer<String, String> onIssued) {
        this.onIssued = onIssued;
    }

    /** Revoked access tokens are told to {@code onRevoked}: a test passes {@code server::revoke}. */
    public void onRevoked(Consumer<String> onRevoked) {
        this.onRevoked = onRevoked;
    }

    /** The user the next authorizations are for (per-login mode); "user" until set. */
    public void loginAs(String user) {
        this.loginUser = user;
    }

    /** Revokes an access or refresh token, as its {@code /revoke} endpoint does. */
    public void revoke(String token) {
        revoked.add(token);
        refreshTokens.remove(token);
        onRevoked.accept(token);
    }

    /** Revokes every token it has issued in per-login mode, access and refresh: the user's grant is gone. */
    public void revokeEverything() {
        List.copyOf(refreshTokens.keySet()).forEach(this::revoke);
        issuedAccessTokens.forEach(this::revoke);
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
                    + "/token\",\"revocation_endpoint\":\"" + base() + "/revoke\","
                    + "\"response_types_supported\":[\"code\"],\"code_challenge_methods_supported\":"
                    + "[\"S256\"],\"token_endpoint_auth_methods_supported\":[\"client_secret_basic\"]}");
            case "/authorize" -> {
                challenge = params.get("code_challenge");
                String code = CODE;
                if (onIssued != null) {
                    code = "code-" + issued.incrementAndGet();
                    codes.put(code, loginUser);
                }
                exchange.getResponseHeaders().add("Location", params.get("redirect_uri") + "?code=" + code
                        + "&state=" + params.get("state"));
                exchange.sendResponseHeaders(302, -1);
                exchange.close();
            }
            case "/token" -> token(exchange, params);
            case "/revoke" -> {
                revoke(params.get("token")); // RFC 7009: 200 whether or not the token was known
                json(exchange, 200, "{}");
            }
            default -> json(exchange, 404, "{\"error\":\"not_found\"}");
        }
    }

    private void token(HttpExchange exchange, Map<String, String> form) throws IOException {
        String basic = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        String grant = form.get("grant_type");
        if (onIssued != null) {
            perLogin(exchange, form, basic.equals(exchange.getRequestHeaders().getFirst("Authorization")));
            return;
        }
        boolean ok = basic.equals(exchange.getRequestHeaders().getFirst("Authorization"))
                && ("refresh_token".equals(grant) ? REFRESH_TOKEN.equals(form.get("refresh_token"))
                        && !revoked.contains(REFRESH_TOKEN)
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

    /** The token endpoint of per-login mode: a code once, a live refresh token any number of times. */
    private void perLogin(HttpExchange exchange, Map<String, String> form, boolean clientOk) throws IOException {
        if (form.get("code_verifier") != null) {
            verifiers.add(form.get("code_verifier"));
        }
        String refresh = form.get("refresh_token");
        String user = !clientOk || tokenError != null ? null : "refresh_token".equals(form.get("grant_type"))
                ? refreshTokens.get(refresh) : verifies(form.get("code_verifier")) ? codes.remove(form.get("code"))
                : null;
        if (user == null) {
            json(exchange, 400, "{\"error\":\"" + (tokenError != null ? tokenError : "invalid_grant") + "\"}");
            return;
        }
        int n = issued.incrementAndGet();
        String access = "at-" + user + "-" + n + "-access";
        if (refresh == null) {
            refresh = "rt-" + user + "-" + n + "-refresh";
            refreshTokens.put(refresh, user);
        }
        issuedAccessTokens.add(access);
        onIssued.accept(access, user);
        json(exchange, 200, "{\"access_token\":\"" + access + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                + expiresIn + ",\"refresh_token\":\"" + refresh + "\",\"scope\":\"mcp:read\"}");
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
