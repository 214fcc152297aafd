package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway refuses what the MCP authorization spec says a resource server must: no token (401 with where to log
 * in), an expired or not yet valid token, one for another audience, from another issuer, with a signature that is
 * not the issuer's, unsigned or HMAC-signed with the issuer's public key (401 {@code invalid_token}), and one without
 * the required scope (403 {@code insufficient_scope} naming it). Each refusal carries {@code resource_metadata}, so
 * that a client can find the issuer by itself.
 */
class RefusesInvalidAccessTokensTest {
    private OAuthGuarded guarded;
    private RawClient raw;
    private String metadata;

    @BeforeEach
    void start() {
        guarded = new OAuthGuarded();
        raw = new RawClient(guarded.url());
        metadata = "http://" + guarded.url().getAuthority() + "/.well-known/oauth-protected-resource/mcp";
    }

    @AfterEach
    void stop() {
        guarded.close();
    }

    private RawClient.Answer initialize(String token) {
        return raw.post(RawClient.initializeBody("2025-11-25"), Guarded.bearer(token));
    }

    @Test
    void withoutATokenTheAnswerSaysWhereToLogInAndWhichScopeToAskFor() {
        RawClient.Answer a = initialize(null);

        assertThat(a.status()).isEqualTo(401);
        assertThat(a.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"switchboard\", scope=\"mcp\","
                + " resource_metadata=\"" + metadata + "\"");
        assertThat(a.header("Connection")).as("the body is left unread: the connection is not reused")
                .isEqualTo("close");
        assertThat(a.json().path("error").path("message").asText()).isEqualTo("this gateway needs an access token:"
                + " send the header Authorization: Bearer <token>, with an OAuth access token of "
                + guarded.issuer.issuer() + " (an MCP client finds how to get one at " + metadata + "), or a token"
                + " of gateway.tokens");
    }

    @Test
    void anExpiredTokenIsRefusedEvenAfterItWasAccepted() {
        String token = guarded.token("alice", "mcp mcp:use");
        assertThat(initialize(token).status()).isEqualTo(200);

        guarded.clock.advance(Duration.ofMinutes(5).plusSeconds(29)); // within the 30s of clock skew
        assertThat(initialize(token).status()).isEqualTo(200);
        guarded.clock.advance(Duration.ofSeconds(2));
        RawClient.Answer expired = initialize(token);

        assertInvalid(expired, "the token has expired");
    }

    @Test
    void aTokenNotValidYetIsRefusedBeyondTheClockSkew() {
        String soon = guarded.issuer.token(c -> c.audience(guarded.url().toString()).subject("alice")
                .claim("scope", "mcp mcp:use").notBeforeTime(Date.from(guarded.clock.instant().plusSeconds(20))));
        String later = guarded.issuer.token(c -> c.audience(guarded.url().toString()).subject("alice")
                .claim("scope", "mcp mcp:use").notBeforeTime(Date.from(guarded.clock.instant().plusSeconds(90))));

        assertThat(initialize(soon).status()).isEqualTo(200);
        assertInvalid(initialize(later), "the token is not valid yet (nbf)");
    }

    @Test
    void aTokenForAnotherAudienceOrFromAnotherIssuerIsRefused() {
        String otherAudience = guarded.issuer.token("http://127.0.0.1:1/mcp", "alice", "mcp mcp:use");
        String otherIssuer = guarded.issuer.token(c -> c.issuer("https://evil.example.com")
                .audience(guarded.url().toString()).subject("alice").claim("scope", "mcp mcp:use"));

        assertInvalid(initialize(otherAudience), "the token is not for this resource (expected aud "
                + guarded.url() + ")");
        assertInvalid(initialize(otherIssuer), "the token is from another issuer (expected iss "
                + guarded.issuer.issuer() + ")");
    }

    @Test
    void aTokenNotSignedByTheIssuersKeyIsRefused() throws Exception {
        JWK published = guarded.issuer.signingKey();
        // Another key under the published key id: the signature does not verify.
        JWK impostor = AuthorizationServer.rsa(published.getKeyID());
        String forged = AuthorizationServer.sign(impostor, claims());
        String unsigned = new PlainJWT(claims()).serialize();
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(published.getKeyID())
                .build(), claims());
        hmac.sign(new MACSigner(published.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8)));
        String tampered = tamper(guarded.token("alice", "mcp mcp:use"));

        assertInvalid(initialize(forged), "the token's signature is not valid");
        assertInvalid(initialize(tampered), "the token's signature is not valid");
        assertInvalid(initialize(unsigned), "unsigned tokens are refused");
        assertInvalid(initialize(hmac.serialize()), "the token is signed with an algorithm or key the issuer does"
                + " not publish");
        assertInvalid(initialize("not-a-jwt"), "the token is not a JWT");
    }

    @Test
    void aWrongStaticTokenIsToldWhereToLogInToo() {
        String right = Guarded.ADMIN.token();
        RawClient.Answer a = initialize(right.substring(0, right.indexOf('.') + 1) + "A".repeat(43));

        assertThat(a.status()).isEqualTo(401);
        assertThat(a.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"switchboard\", error=\"invalid_token\","
                + " error_description=\"the token is none of gateway.tokens\", scope=\"mcp\", resource_metadata=\""
                + metadata + "\"");
    }

    @Test
    void aTokenWithoutTheRequiredScopeIsRefusedWith403NamingIt() {
        RawClient.Answer a = initialize(guarded.token("alice", "mcp:use"));

        assertThat(a.status()).isEqualTo(403);
        assertThat(a.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"switchboard\","
                + " error=\"insufficient_scope\", error_description=\"the token lacks a required scope\","
                + " scope=\"mcp\", resource_metadata=\"" + metadata + "\"");
        assertThat(a.sessionId()).isNull();
    }

    /** The claims of a good token, to sign wrongly. */
    private JWTClaimsSet claims() {
        return guarded.issuer.defaults().audience(guarded.url().toString()).subject("alice")
                .claim("scope", "mcp mcp:use").build();
    }

    /** The token with one claim changed after signing: its payload says sub mallory. */
    private static String tamper(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"alice\"", "\"mallory\"");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(
                StandardCharsets.UTF_8)) + "." + parts[2];
    }

    private void assertInvalid(RawClient.Answer a, String description) {
        assertThat(a.status()).as(description).isEqualTo(401);
        assertThat(a.sessionId()).isNull();
        assertThat(a.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"switchboard\", error=\"invalid_token\","
                + " error_description=\"" + description + "\", scope=\"mcp\", resource_metadata=\"" + metadata
                + "\"");
        assertThat(a.json().path("error").path("message").asText()).isEqualTo("the access token is not valid: "
                + description + "; get a new one from " + guarded.issuer.issuer());
    }
}
