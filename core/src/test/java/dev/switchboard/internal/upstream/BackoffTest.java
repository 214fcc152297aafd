package dev.switchboard.internal.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.RetryPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void withoutJitterItDoublesUpToTheCap() {
        var b = new Backoff(policy(0));
        assertThat(b.delay(1, null)).isEqualTo(Duration.ofSeconds(1));
        assertThat(b.delay(2, null)).isEqualTo(Duration.ofSeconds(2));
        assertThat(b.delay(4, null)).isEqualTo(Duration.ofSeconds(8));
        assertThat(b.delay(6, null)).isEqualTo(Duration.ofSeconds(30));
        assertThat(b.delay(60, null)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void jitterSpreadsWaitsAroundTheBaseAndNeverPastTheCap() {
        var b = new Backoff(policy(0.5));
        var seen = new java.util.HashSet<Duration>();
        for (int i = 0; i < 200; i++) {
            Duration d = b.delay(3, null);
            assertThat(d).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(6));
            seen.add(d);
            assertThat(b.delay(20, null)).isLessThanOrEqualTo(Duration.ofSeconds(30));
        }
        assertThat(seen).as("jitter varies the waits").hasSizeGreaterThan(10);
    }

    @Test
    void aLongerRetryAfterWins() {
        var b = new Backoff(RetryPolicy.DEFAULT);
        assertThat(b.delay(1, Duration.ofSeconds(45))).isEqualTo(Duration.ofSeconds(45));
        assertThat(b.delay(5, Duration.ofMillis(10))).isGreaterThan(Duration.ofMillis(10));
    }

    /** 10 attempts, waits from 1 s doubling up to 30 s. */
    private static RetryPolicy policy(double jitter) {
        return RetryPolicy.builder().maxAttempts(10).initialBackoff(Duration.ofSeconds(1)).multiplier(2.0)
                .maxBackoff(Duration.ofSeconds(30)).jitter(jitter).build();
    }
}
