package dev.switchboard.internal.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.BreakerState;
import dev.switchboard.CallOptions;
import dev.switchboard.CallStats;
import dev.switchboard.ErrorCode;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardException;
import dev.switchboard.ToolCall;
import dev.switchboard.config.CallPolicy;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The numbers kept per server and per tool (calls, errors by code, latency percentiles, in flight, breaker state),
 * from the facade and, when a registry is given, in Micrometer.
 */
class KeepsCallNumbersTest {

    @Test
    void everyEndedCallIsCountedPerServerAndPerToolAndPublishedToMicrometer() {
        var registry = new SimpleMeterRegistry();
        try (RunningFakeServer server = FakeMcpServer.builder().name("counted").tool(FakeTool.echo("echo"),
                FakeTool.error("broken", "no"), FakeTool.hang("hang")).startHttp();
                var sb = Switchboard.builder(CallServers.config(CallServers.http("counted", server.url(),
                        CallPolicy.DEFAULT))).meterRegistry(registry).start()) {
            for (int i = 0; i < 10; i++) {
                sb.call("counted", "echo", Map.of("i", i));
            }
            sb.call("counted", "broken", Map.of());
            assertThatThrownBy(() -> sb.call(ToolCall.of("counted", "hang", Map.of()),
                    CallOptions.DEFAULT.withTimeout(Duration.ofMillis(100))))
                    .isInstanceOf(SwitchboardException.class);

            var stats = sb.stats();
            CallStats total = stats.get(0);
            assertThat(total.server()).isEqualTo("counted");
            assertThat(total.tool()).isNull();
            assertThat(total.calls()).isEqualTo(12);
            assertThat(total.errors()).containsOnly(Map.entry(ErrorCode.TOOL_ERROR, 1L),
                    Map.entry(ErrorCode.TIMEOUT, 1L));
            assertThat(total.inFlight()).isZero();
            assertThat(total.breaker()).isEqualTo(BreakerState.CLOSED);
            assertThat(total.p99()).isGreaterThanOrEqualTo(Duration.ofMillis(90));
            assertThat(total.p50()).isPositive().isLessThan(total.p99());
            assertThat(stats).extracting(CallStats::tool).containsExactly(null, "broken", "echo", "hang");
            assertThat(stats.get(2).calls()).isEqualTo(10);
            assertThat(stats.get(2).errorCount()).isZero();

            Timer ok = registry.get("switchboard.calls").tags("server", "counted", "tool", "echo", "outcome", "ok")
                    .timer();
            assertThat(ok.count()).isEqualTo(10);
            assertThat(ok.takeSnapshot().percentileValues()).extracting(ValueAtPercentile::percentile)
                    .containsExactly(0.5, 0.95, 0.99);
            assertThat(registry.get("switchboard.calls").tags("tool", "hang", "outcome", "TIMEOUT").timer().count())
                    .isEqualTo(1);
            assertThat(registry.get("switchboard.calls").tags("tool", "broken", "outcome", "TOOL_ERROR").timer()
                    .count()).isEqualTo(1);
            assertThat(registry.get("switchboard.calls.in_flight").tags("tool", "echo").gauge().value()).isZero();
            assertThat(registry.get("switchboard.breaker.state").tags("server", "counted").gauge().value()).isZero();
        }
    }
}
