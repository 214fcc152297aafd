package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The {@code calls:} section (in {@code defaults:} and per server) and {@code orchestration.max_concurrent_calls}:
 * partial maps inherit, and impossible values are reported with the rest.
 */
class LoadsCallSettingsTest {

    @Test
    void withoutACallsSectionEveryServerHasTheDefaultPolicy() {
        var config = Configs.yaml("servers: {a: {command: x}}");
        assertThat(config.servers().get(0).options().calls()).isEqualTo(CallPolicy.DEFAULT);
        assertThat(config.orchestration().maxConcurrentCalls()).isEqualTo(Orchestration.DEFAULT_MAX_CONCURRENT_CALLS);
    }

    @Test
    void aServersPartialCallsMapOverridesTheDefaultsItNames() {
        var config = Configs.yaml("""
                orchestration: {max_concurrent_calls: 64}
                defaults:
                  calls: {max_total: 30m, retry_attempts: 2, breaker: {open_for: 2m, failure_threshold: 3}}
                servers:
                  a:
                    command: x
                    calls:
                      progress_extends_deadline: false
                      max_concurrent_calls: 4
                      queue_wait: 0s
                      retry_backoff: 1s
                      breaker: {failure_rate: 80, window: 10, half_open_calls: 1}
                  b: {command: y}
                """);
        CallPolicy a = config.server("a").orElseThrow().options().calls();
        assertThat(a).isEqualTo(CallPolicy.builder().maxTotal(Duration.ofMinutes(30)).progressExtendsDeadline(false)
                .retryAttempts(2).retryBackoff(Duration.ofSeconds(1)).maxConcurrentCalls(4).queueWait(Duration.ZERO)
                .breaker(BreakerPolicy.builder().failureThreshold(3).failureRate(80).window(10)
                        .openFor(Duration.ofMinutes(2)).halfOpenCalls(1).build())
                .build());
        CallPolicy b = config.server("b").orElseThrow().options().calls();
        assertThat(b.maxTotal()).isEqualTo(Duration.ofMinutes(30));
        assertThat(b.breaker()).isEqualTo(BreakerPolicy.builder().failureThreshold(3).failureRate(50).window(20)
                .openFor(Duration.ofMinutes(2)).halfOpenCalls(3).build());
        assertThat(config.orchestration().maxConcurrentCalls()).isEqualTo(64);
    }

    @Test
    void impossibleCallSettingsAreReportedTogether() {
        assertThat(Configs.problems("""
                orchestration: {max_concurrent_calls: 0}
                servers:
                  a:
                    command: x
                    calls:
                      max_total: 0s
                      retry_attempts: 0
                      max_concurrent_calls: 0
                      queue_wait: -1s
                      breaker: {failure_rate: 101, open_for: 1, window: 0, half_open_call: 2}
                """)).containsExactly(
                "orchestration.max_concurrent_calls: 0 is out of range (expected: 1 or more)",
                "servers.a.calls.max_total: \"0s\" is not positive (expected: more than 0, like 30s)",
                "servers.a.calls.retry_attempts: 0 is out of range (expected: 1 to 100; 1 means no retry)",
                "servers.a.calls.max_concurrent_calls: 0 is out of range (expected: 1 or more)",
                "servers.a.calls.queue_wait: \"-1s\" is negative (expected: 0s or more)",
                "servers.a.calls.breaker.half_open_call: unknown key (did you mean half_open_calls?)",
                "servers.a.calls.breaker.failure_rate: 101 is out of range (expected: a percentage from 1 to 100)",
                "servers.a.calls.breaker.window: 0 is out of range (expected: 1 or more calls)",
                "servers.a.calls.breaker.open_for: 1 has no unit (expected: a duration like 500ms, 30s, 5m)");
    }

    @Test
    void maxTotalBelowTheRequestTimeoutIsAProblem() {
        assertThat(Configs.problems("""
                servers:
                  a: {command: x, request_timeout: 2m, calls: {max_total: 1m}}
                """)).containsExactly("servers.a.calls.max_total: calls.max_total 1m is less than request_timeout 2m"
                + " (expected: max_total >= request_timeout)");
    }
}
