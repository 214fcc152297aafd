package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.BreakerState;
import dev.switchboard.CallStats;
import dev.switchboard.ErrorCode;
import dev.switchboard.Switchboard;
import dev.switchboard.config.CallPolicy;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The call numbers as the application sees them, against a real server: {@code stats()} counts every call per
 * server and tool, and a registry given to the builder receives them. (What is counted, and how, is unit-tested in
 * {@code internal.call.KeepsCallNumbersTest}.)
 */
class PublishesCallNumbersTest {

    @Test
    void callsAreCountedInStatsAndInTheGivenRegistry() {
        var registry = new SimpleMeterRegistry();
        try (RunningFakeServer server = FakeMcpServer.builder().name("counted").tool(FakeTool.echo("echo"),
                FakeTool.error("broken", "no")).startHttp();
                var sb = Switchboard.builder(CallConfigs.of(CallConfigs.http("counted", server.url(),
                        CallPolicy.DEFAULT))).meterRegistry(registry).start()) {
            for (int i = 0; i < 3; i++) {
                sb.call("counted", "echo", Map.of("i", i));
            }
            sb.call("counted", "broken", Map.of());

            var stats = sb.stats();
            assertThat(stats).extracting(CallStats::tool).containsExactly(null, "broken", "echo");
            CallStats total = stats.get(0);
            assertThat(total.server()).isEqualTo("counted");
            assertThat(total.calls()).isEqualTo(4);
            assertThat(total.errors()).containsOnly(Map.entry(ErrorCode.TOOL_ERROR, 1L));
            assertThat(total.breaker()).isEqualTo(BreakerState.CLOSED);
            assertThat(total.p50()).isPositive();
            assertThat(registry.get("switchboard.calls").tags("server", "counted", "tool", "echo", "outcome", "ok")
                    .timer().count()).isEqualTo(3);
            assertThat(registry.get("switchboard.breaker.state").tags("server", "counted").gauge().value()).isZero();
        }
    }
}
