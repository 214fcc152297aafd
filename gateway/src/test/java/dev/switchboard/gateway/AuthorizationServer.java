package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * An OAuth authorization server in this JVM, on a free loopback port, built from Nimbus: its metadata (RFC 8414), its
 * JWK set (RSA and EC keys, which the test can rotate), and a token endpoint for the client credentials grant that
 * issues JWT access tokens for the {@code resource} asked for (RFC 8707). The test also mints tokens directly, good
 * and bad. Times come from the test's clock.
 */
final class AuthorizationServer implements AutoCloseable {
    static final String CLIENT_ID = "ts-client";
    static final String CLIENT_SECRET = "ts-client-secret-value";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer http;
    private final Clock clock;
    private final List<JWK> published = new CopyOnWriteArrayList<>();
    private final AtomicInteger jwksFetches = new AtomicInteger();
    private final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();
    private volatile JWK signing;

    AuthorizationServer(Clock clock) {
        this.clock = clock;
        this.signing = rsa("key-1");
        published.add(signing.toPublicJWK());
        try {
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        http.createContext("/.well-known/oauth-authorization-server", e -> json(e, 200, metadata()));
        http.createContext("/jwks", e -> {
            jwksFetches.incrementAndGet();
            send(e, 200, new JWKSet(List.copyOf(published)).toString(true));
        });
        http.createContext("/token", this::token);
        http.start();
    }

    String issuer() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    /** How often the JWK set was fetched. */
    int jwksFetches() {
        return jwksFetches.get();
    }

    /** The form fields of each token request (the client secret left out). */
    List<Map<String, String>> tokenRequests() {
        return List.copyOf(tokenRequests);
    }

    /** A new signing key (RSA or EC) with a new key id, published instead of the old one: a key rotation. */
    JWK rotate(String kid, boolean ec) {
        JWK key = ec ? ec(kid) : rsa(kid);
        signing = key;
        published.clear();
        published.add(key.toPublicJWK());
        return key;
    }

    /** A token for {@code audience} of subject {@code sub} with {@code scope}, valid 5 minutes from now. */
    String token(String audience, String sub, String scope) {
        return token(c -> c.audience(audience).subject(sub).claim("scope", scope));
    }

    /** A token with this server's issuer and 5 minutes of validity, then {@code claims} applied. */
    String token(UnaryOperator<JWTClaimsSet.Builder> claims) {
        return sign(signing, claims.apply(defaults()).build());
    }

    JWTClaimsSet.Builder defaults() {
        Date now = Date.from(clock.instant());
        return new JWTClaimsSet.Builder().issuer(issuer()).issueTime(now)
                .expirationTime(Date.from(clock.instant().plus(Duration.ofMinutes(5))));
    }

    /** The claims signed by {@code key} (RS256 for RSA, ES256 for EC), with its key id. */
    static String sign(JWK key, JWTClaimsSet claims) {
        try {
            boolean ec = key instanceof ECKey;
            JWSSigner signer = ec ? new ECDSASigner((ECKey) key) : new RSASSASigner((RSAKey) key);
            JWSHeader header = new JWSHeader.Builder(ec ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256)
                    .keyID(key.getKeyID()).type(new JOSEObjectType("at+jwt")).build();
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static RSAKey rsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static ECKey ec(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key that signs now (its public half is published). */
    JWK signingKey() {
        return signing;
    }

    private Map<String, Object> metadata() {
        return Map.of("issuer", issuer(), "authorization_endpoint", issuer() + "/authorize", "token_endpoint",
                issuer() + "/token", "jwks_uri", issuer() + "/jwks", "response_types_supported", List.of("code"),
                "grant_types_supported", List.of("client_credentials"), "token_endpoint_auth_methods_supported",
                List.of("client_secret_basic"), "code_challenge_methods_supported", List.of("S256"));
    }

    /** The client credentials grant, for the one client this server knows; the token's aud is the resource. */
    private void token(HttpExchange e) throws IOException {
        Map<String, String> form = form(new String(e.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        tokenRequests.add(Map.copyOf(form));
        String basic = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        if (!basic.equals(e.getRequestHeaders().getFirst("Authorization"))) {
            json(e, 401, Map.of("error", "invalid_client"));
            return;
        }
        if (!"client_credentials".equals(form.get("grant_type")) || form.get("resource") == null) {
            json(e, 400, Map.of("error", "invalid_request"));
            return;
        }
        String scope = form.getOrDefault("scope", "");
        String token = token(form.get("resource"), CLIENT_ID, scope);
        json(e, 200, Map.of("access_token", token, "token_type", "Bearer", "expires_in", 300, "scope", scope));
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void json(HttpExchange e, int status, Object body) throws IOException {
        send(e, status, JSON.writeValueAsString(body));
    }

    private static void send(HttpExchange e, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        e.getResponseHeaders().set("Content-Type", "application/json");
        e.sendResponseHeaders(status, bytes.length);
        try (var out = e.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
