package dev.switchboard.internal.call;

import static dev.switchboard.internal.upstream.FakeToolSession.answers;
import static dev.switchboard.internal.upstream.FakeToolSession.failsUnsent;
import static dev.switchboard.internal.upstream.FakeToolSession.hangs;
import static dev.switchboard.internal.upstream.FakeToolSession.silent;
import static dev.switchboard.internal.upstream.FakeToolSession.takes;
import static dev.switchboard.internal.upstream.FakeToolSession.toolError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.BreakerState;
import dev.switchboard.CallOptions;
import dev.switchboard.CallStats;
import dev.switchboard.CancellationToken;
import dev.switchboard.ErrorCode;
import dev.switchboard.HealthState;
import dev.switchboard.config.CallPolicy;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The numbers kept per server and per tool (calls, errors by code, latency percentiles, in flight, breaker state),
 * and their copy in Micrometer when a registry is bound. A retried call counts once.
 */
class KeepsCallNumbersTest {

    @Test
    void everyEndedCallIsCountedPerServerAndPerToolAndPublishedToMicrometer() {
        var registry = new SimpleMeterRegistry();
        try (var calls = FakeCalls.of(CallPolicy.DEFAULT)) {
            calls.executor().bindTo(registry);
            calls.executor().servers(List.of("fake"), server -> calls.guard().state(),
                    server -> HealthState.UNKNOWN);
            calls.session().on("echo", takes(Duration.ofMillis(2), answers("ok")))
                    .on("broken", toolError("no")).on("hang", silent());
            for (int i = 0; i < 10; i++) {
                calls.call("echo");
            }
            calls.call("broken");
            calls.failure("hang", CallOptions.DEFAULT.withTimeout(Duration.ofMillis(100)));

            var stats = calls.stats();
            CallStats total = stats.get(0);
            assertThat(total.server()).isEqualTo("fake");
            assertThat(total.tool()).isNull();
            assertThat(total.calls()).isEqualTo(12);
            assertThat(total.errors()).containsOnly(Map.entry(ErrorCode.TOOL_ERROR, 1L),
                    Map.entry(ErrorCode.TIMEOUT, 1L));
            assertThat(total.inFlight()).isZero();
            assertThat(total.breaker()).isEqualTo(BreakerState.CLOSED);
            // Within the histogram's bucket precision (about 6%) of the exact durations on the fake clock.
            assertThat(total.p99()).isBetween(Duration.ofMillis(94), Duration.ofMillis(106));
            assertThat(total.p50()).isBetween(Duration.ofNanos(1_880_000), Duration.ofNanos(2_120_000));
            assertThat(stats).extracting(CallStats::tool).containsExactly(null, "broken", "echo", "hang");
            assertThat(stats.get(2).calls()).isEqualTo(10);
            assertThat(stats.get(2).errorCount()).isZero();

            Timer ok = registry.get("switchboard.calls").tags("server", "fake", "tool", "echo", "outcome", "ok")
                    .timer();
            assertThat(ok.count()).isEqualTo(10);
            assertThat(ok.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(20.0);
            assertThat(ok.takeSnapshot().percentileValues()).extracting(ValueAtPercentile::percentile)
                    .containsExactly(0.5, 0.95, 0.99);
            assertThat(registry.get("switchboard.calls").tags("tool", "hang", "outcome", "TIMEOUT").timer().count())
                    .isEqualTo(1);
            assertThat(registry.get("switchboard.calls").tags("tool", "broken", "outcome", "TOOL_ERROR").timer()
                    .count()).isEqualTo(1);
            assertThat(registry.get("switchboard.calls.in_flight").tags("tool", "echo").gauge().value()).isZero();
            assertThat(registry.get("switchboard.breaker.state").tags("server", "fake").gauge().value()).isZero();
        }
    }

    @Test
    void aRunningCallIsInFlightUntilItEnds() throws Exception {
        var registry = new SimpleMeterRegistry();
        try (var calls = FakeCalls.of(CallPolicy.DEFAULT)) {
            calls.executor().bindTo(registry);
            calls.executor().servers(List.of("fake"), server -> calls.guard().state(),
                    server -> HealthState.UNKNOWN);
            calls.session().on("hang", hangs());
            var token = new CancellationToken();
            var running = CompletableFuture.runAsync(() -> calls.failure("hang",
                    CallOptions.DEFAULT.withCancellation(token)), r -> Thread.ofVirtual().start(r));
            calls.session().awaitHanging(1);
            assertThat(calls.stats()).extracting(CallStats::inFlight).containsExactly(1L, 1L);
            assertThat(registry.get("switchboard.calls.in_flight").tags("tool", "hang").gauge().value()).isOne();
            token.cancel();
            running.get();
            assertThat(calls.stats()).extracting(CallStats::inFlight).containsExactly(0L, 0L);
            assertThat(calls.stats().get(0).errors()).containsOnly(Map.entry(ErrorCode.CANCELLED, 1L));
        }
    }

    @Test
    void aRetriedCallCountsOnceWithItsWholeDuration() {
        try (var calls = FakeCalls.of(FakeCalls.retries(3, Duration.ofMillis(200)))) {
            calls.session().on("echo", failsUnsent(ErrorCode.UNREACHABLE), takes(Duration.ofMillis(5),
                    answers("ok")));
            assertThat(calls.call("echo").attempts()).isEqualTo(2);
            CallStats total = calls.stats().get(0);
            assertThat(total.calls()).isEqualTo(1);
            assertThat(total.errorCount()).isZero();
            assertThat(total.p50()).isBetween(Duration.ofMillis(193), Duration.ofMillis(217)); // 200 + 5 ms
        }
    }
}
