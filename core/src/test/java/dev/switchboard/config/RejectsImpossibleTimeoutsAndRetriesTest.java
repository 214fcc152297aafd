package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RejectsImpossibleTimeoutsAndRetriesTest {

    @Test
    void rejectsNonPositiveTimeouts() {
        assertThat(Configs.problems("""
                defaults: {request_timeout: 0s}
                servers:
                  a: {command: x, connect_timeout: -5s, shutdown_grace: -1s}
                """)).containsExactly(
                "defaults.request_timeout: \"0s\" is not positive (expected: more than 0, like 30s)",
                "servers.a.connect_timeout: \"-5s\" is not positive (expected: more than 0, like 30s)",
                "servers.a.shutdown_grace: \"-1s\" is negative (expected: 0s or more)");
    }

    @Test
    void rejectsImpossibleRetrySettings() {
        assertThat(Configs.problems("""
                servers:
                  a:
                    command: x
                    retry: {attempts: 0, multiplier: 0.5, jitter: 1.5, initial_backoff: 10s, max_backoff: 1s}
                """)).containsExactly(
                "servers.a.retry.attempts: 0 is less than 1 (expected: 1 or more; 1 means no retry)",
                "servers.a.retry.multiplier: 0.5 is less than 1.0 (expected: 1.0 or more; the wait must not shrink)",
                "servers.a.retry.jitter: 1.5 is outside 0.0 to 1.0 (expected: 0.0 to 1.0, a fraction of the wait)",
                "servers.a.retry.max_backoff: max_backoff 1s is less than initial_backoff 10s (expected: max_backoff"
                        + " >= initial_backoff)");
    }

    @Test
    void checksPartialRetryAgainstTheDefaultsItInherits() {
        assertThat(Configs.problems("""
                defaults: {retry: {max_backoff: 2s}}
                servers:
                  a: {command: x, retry: {initial_backoff: 5s}}
                """)).containsExactly("servers.a.retry.initial_backoff: max_backoff 2s is less than initial_backoff"
                + " 5s (expected: max_backoff >= initial_backoff)");
    }

    @Test
    void acceptsZeroShutdownGraceAndOneAttempt() {
        StdioServer a = Configs.stdio(Configs.yaml("""
                servers:
                  a: {command: x, shutdown_grace: 0s, retry: {attempts: 1}}
                """), "a");
        assertThat(a.shutdownGrace()).isEqualTo(Duration.ZERO);
        assertThat(a.options().retry().maxAttempts()).isEqualTo(1);
    }
}
