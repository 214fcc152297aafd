package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The issuer's keys, once fetched, are kept while the issuer cannot be reached, even past their age of renewal, so
 * that an outage of the authorization server does not lock out clients whose tokens are good; when the gateway has
 * never had the keys, a token gets 503 with {@code Retry-After} (the client should try again), not 401 (which would
 * send it to log in again for nothing).
 */
class KeepsWorkingWhileTheIssuerIsDownTest {

    @Test
    void keptKeysStillCheckTokensWhileTheIssuerIsDown() {
        try (OAuthGuarded guarded = new OAuthGuarded()) {
            RawClient raw = new RawClient(guarded.url());
            assertThat(initialize(raw, guarded.token("alice", "mcp mcp:use")).status()).isEqualTo(200);
            String later = guarded.token("bob", "mcp mcp:use");
            guarded.issuer.close();
            guarded.clock.advance(Duration.ofMinutes(11)); // the keys are due for renewal, which fails

            assertThat(initialize(raw, guarded.issuer.token(c -> c.audience(guarded.url().toString())
                    .subject("carol").claim("scope", "mcp mcp:use"))).status()).isEqualTo(200);
            assertThat(initialize(raw, later).status()).as("expired meanwhile: still checked").isEqualTo(401);
        }
    }

    @Test
    void withoutKeysATokenGets503WithRetryAfter() {
        try (OAuthGuarded guarded = new OAuthGuarded()) {
            String token = guarded.token("alice", "mcp mcp:use");
            guarded.issuer.close();

            RawClient.Answer a = initialize(new RawClient(guarded.url()), token);

            assertThat(a.status()).isEqualTo(503);
            assertThat(a.header("Retry-After")).isEqualTo("5");
            assertThat(a.json().path("error").path("message").asText()).startsWith("the access token cannot be"
                    + " checked now: the keys of " + guarded.issuer.issuer() + " cannot be fetched: no metadata of"
                    + " issuer " + guarded.issuer.issuer() + " names its keys");
        }
    }

    private static RawClient.Answer initialize(RawClient raw, String token) {
        return raw.post(RawClient.initializeBody("2025-11-25"), Guarded.bearer(token));
    }
}
