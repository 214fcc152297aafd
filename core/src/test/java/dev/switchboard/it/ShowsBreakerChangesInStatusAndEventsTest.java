package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.switchboard.BreakerState;
import dev.switchboard.CallOptions;
import dev.switchboard.ErrorCode;
import dev.switchboard.RecordingListener;
import dev.switchboard.ServerStatus;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardEvent.BreakerChanged;
import dev.switchboard.SwitchboardException;
import dev.switchboard.ToolCall;
import dev.switchboard.config.BreakerPolicy;
import dev.switchboard.config.CallPolicy;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A server's breaker as the application sees it, against a real server: the configured policy reaches the breaker,
 * whose state and last change show in {@code status()} and {@code stats()}, and each change is a
 * {@code BreakerChanged} event; an open breaker keeps calls from the server until its trial call succeeds. (The
 * breaker's rules themselves are unit-tested in {@code internal.call} on a fake session.)
 */
class ShowsBreakerChangesInStatusAndEventsTest {

    @Test
    void theBreakerOpensAndClosesInStatusStatsAndEvents() {
        var clock = new SteppingClock();
        var heard = new RecordingListener();
        var policy = CallPolicy.builder()
                .breaker(BreakerPolicy.builder().failureThreshold(2).halfOpenCalls(1).build()).build();
        try (RunningFakeServer server = FakeMcpServer.builder().name("flaky")
                .tool(FakeTool.hang("hang"), FakeTool.echo("echo")).startHttp();
                var sb = Switchboard.builder(CallConfigs.of(CallConfigs.http("flaky", server.url(), policy)))
                        .clock(clock).listener(heard).start()) {
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> sb.call(ToolCall.of("flaky", "hang", Map.of()),
                        CallOptions.DEFAULT.withTimeout(Duration.ofMillis(50))))
                        .isInstanceOfSatisfying(SwitchboardException.class,
                                e -> assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT));
            }
            ServerStatus status = sb.status("flaky");
            assertThat(status.breaker()).isEqualTo(BreakerState.OPEN);
            assertThat(status.breakerChangedAt()).isEqualTo(clock.instant());
            assertThat(sb.stats().get(0).breaker()).isEqualTo(BreakerState.OPEN);
            await().until(() -> heard.of(BreakerChanged.class).size() == 1);
            assertThat(heard.of(BreakerChanged.class)).singleElement().satisfies(b -> {
                assertThat(b.server()).isEqualTo("flaky");
                assertThat(b.from()).isEqualTo(BreakerState.CLOSED);
                assertThat(b.to()).isEqualTo(BreakerState.OPEN);
                assertThat(b.at()).isEqualTo(clock.instant());
            });
            assertThatThrownBy(() -> sb.call("flaky", "echo", Map.of()))
                    .isInstanceOfSatisfying(SwitchboardException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.CIRCUIT_OPEN));
            assertThat(server.receivedCalls()).extracting(c -> c.tool()).containsExactly("hang", "hang");

            clock.advance(Duration.ofSeconds(61));
            assertThat(sb.call("flaky", "echo", Map.of("trial", 1)).isError()).isFalse();
            assertThat(sb.status("flaky").breaker()).isEqualTo(BreakerState.CLOSED);
            await().until(() -> heard.of(BreakerChanged.class).size() == 3);
            assertThat(heard.of(BreakerChanged.class)).extracting(BreakerChanged::to)
                    .isEqualTo(List.of(BreakerState.OPEN, BreakerState.HALF_OPEN, BreakerState.CLOSED));
        }
    }
}
