package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When the issuer rotates its signing key, a token signed by the new key (a key id the gateway has not seen) makes
 * it fetch the issuer's keys again and is accepted; RSA and EC keys both work. Refetches are rate limited: tokens
 * with unknown key ids within 30 seconds of the last fetch cause no new fetch (they are refused meanwhile), so that
 * made-up key ids cannot make the gateway flood the issuer.
 */
class FollowsTheIssuersKeyRotationTest {
    private OAuthGuarded guarded;
    private RawClient raw;

    @BeforeEach
    void start() {
        guarded = new OAuthGuarded();
        raw = new RawClient(guarded.url());
    }

    @AfterEach
    void stop() {
        guarded.close();
    }

    private int initialize(String token) {
        return raw.post(RawClient.initializeBody("2025-11-25"), Guarded.bearer(token)).status();
    }

    @Test
    void aTokenOfARotatedKeyIsAcceptedAfterTheKeysAreFetchedAgain() {
        assertThat(initialize(guarded.token("alice", "mcp mcp:use"))).isEqualTo(200);
        assertThat(guarded.issuer.jwksFetches()).isEqualTo(1);

        guarded.clock.advance(Duration.ofSeconds(31));
        guarded.issuer.rotate("key-2", true);
        assertThat(initialize(guarded.token("alice", "mcp mcp:use"))).as("an EC key, new kid").isEqualTo(200);
        assertThat(guarded.issuer.jwksFetches()).isEqualTo(2);

        guarded.clock.advance(Duration.ofSeconds(31));
        guarded.issuer.rotate("key-3", false);
        assertThat(initialize(guarded.token("alice", "mcp mcp:use"))).as("an RSA key, new kid").isEqualTo(200);
        assertThat(guarded.issuer.jwksFetches()).isEqualTo(3);
    }

    @Test
    void unknownKeyIdsRefetchAtMostOnceEvery30Seconds() {
        assertThat(initialize(guarded.token("alice", "mcp mcp:use"))).isEqualTo(200);
        guarded.issuer.rotate("key-2", false);

        for (int i = 0; i < 5; i++) {
            assertThat(initialize(guarded.token("alice", "mcp mcp:use"))).isEqualTo(401);
        }
        assertThat(guarded.issuer.jwksFetches()).as("no refetch within 30s of the last fetch").isEqualTo(1);

        guarded.clock.advance(Duration.ofSeconds(30));
        assertThat(initialize(guarded.token("alice", "mcp mcp:use"))).isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            String madeUp = AuthorizationServer.sign(AuthorizationServer.rsa("made-up-" + i), guarded.issuer
                    .defaults().audience(guarded.url().toString()).subject("x").claim("scope", "mcp").build());
            assertThat(initialize(madeUp)).isEqualTo(401);
        }
        assertThat(guarded.issuer.jwksFetches()).isEqualTo(2);
    }
}
