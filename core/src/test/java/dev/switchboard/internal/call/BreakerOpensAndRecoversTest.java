package dev.switchboard.internal.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.switchboard.BreakerState;
import dev.switchboard.CallOptions;
import dev.switchboard.ErrorCode;
import dev.switchboard.ServerStatus;
import dev.switchboard.RecordingListener;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardEvent.BreakerChanged;
import dev.switchboard.SwitchboardException;
import dev.switchboard.ToolCall;
import dev.switchboard.config.BreakerPolicy;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A server's circuit breaker, on an injected clock: it opens after consecutive timeouts or a high failure rate,
 * then fails calls at once without touching the network; after {@code open_for} it lets trial calls through and
 * closes when they succeed, or opens again when they fail. Tool errors and JSON-RPC errors never count.
 */
class BreakerOpensAndRecoversTest {
    private static final Duration SHORT = Duration.ofMillis(100);
    private final MutableClock clock = new MutableClock();
    private final RecordingListener heard = new RecordingListener();
    private RunningFakeServer server;
    private Switchboard sb;

    @BeforeEach
    void startServer() {
        server = FakeMcpServer.builder().name("flaky").tool(FakeTool.hang("hang"), FakeTool.echo("echo"),
                FakeTool.error("tool_error", "no such row"), FakeTool.rpcError("rpc_error", -32602, "bad params"))
                .startHttp();
    }

    @AfterEach
    void stop() {
        if (sb != null) {
            sb.close();
        }
        server.close();
    }

    private void start(BreakerPolicy breaker) {
        sb = Switchboard.builder(CallServers.config(CallServers.http("flaky", server.url(),
                CallServers.breaker(breaker)))).clock(clock).listener(heard).start();
    }

    private List<BreakerState> transitions() {
        return heard.of(BreakerChanged.class).stream().map(BreakerChanged::to).toList();
    }

    private void timeOut(int times) {
        for (int i = 0; i < times; i++) {
            assertThatThrownBy(() -> sb.call(ToolCall.of("flaky", "hang", Map.of()),
                    CallOptions.DEFAULT.withTimeout(SHORT)))
                    .isInstanceOfSatisfying(SwitchboardException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT));
        }
    }

    @Test
    void fiveConsecutiveTimeoutsOpenItAndCallsThenFailAtOnceWithoutReachingTheServer() {
        start(BreakerPolicy.DEFAULT);
        timeOut(4);
        assertThat(sb.status("flaky").breaker()).isEqualTo(BreakerState.CLOSED);
        timeOut(1);
        ServerStatus status = sb.status("flaky");
        assertThat(status.breaker()).isEqualTo(BreakerState.OPEN);
        assertThat(status.breakerChangedAt()).isEqualTo(clock.instant());
        await().until(() -> transitions().equals(List.of(BreakerState.OPEN)));
        assertThat(heard.of(BreakerChanged.class)).singleElement().satisfies(b -> {
            assertThat(b.from()).isEqualTo(BreakerState.CLOSED);
            assertThat(b.at()).isEqualTo(clock.instant());
        });
        assertThatThrownBy(() -> sb.call("flaky", "echo", Map.of()))
                .isInstanceOfSatisfying(SwitchboardException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CIRCUIT_OPEN);
                    assertThat(e.getMessage()).contains("flaky", "circuit breaker is open");
                });
        assertThat(server.receivedCalls()).extracting(c -> c.tool()).containsOnly("hang").hasSize(5);
        assertThat(sb.stats().get(0).breaker()).isEqualTo(BreakerState.OPEN);
    }

    @Test
    void afterOpenForTrialCallsGoThroughAndSuccessesCloseIt() {
        start(BreakerPolicy.DEFAULT);
        timeOut(5);
        clock.advance(Duration.ofSeconds(59));
        assertThatThrownBy(() -> sb.call("flaky", "echo", Map.of()))
                .isInstanceOfSatisfying(SwitchboardException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CIRCUIT_OPEN));
        clock.advance(Duration.ofSeconds(2));
        assertThat(sb.call("flaky", "echo", Map.of("trial", 1)).isError()).isFalse();
        assertThat(sb.status("flaky").breaker()).isEqualTo(BreakerState.HALF_OPEN);
        sb.call("flaky", "echo", Map.of("trial", 2));
        sb.call("flaky", "echo", Map.of("trial", 3));
        assertThat(sb.status("flaky").breaker()).isEqualTo(BreakerState.CLOSED);
        await().until(() -> transitions().equals(List.of(BreakerState.OPEN, BreakerState.HALF_OPEN,
                BreakerState.CLOSED)));
    }

    @Test
    void aFailedTrialCallOpensItAgain() {
        start(BreakerPolicy.builder().failureThreshold(2).failureRate(50).window(20).openFor(Duration.ofSeconds(60))
                .halfOpenCalls(1).build());
        timeOut(2);
        clock.advance(Duration.ofSeconds(61));
        timeOut(1);
        assertThat(sb.status("flaky").breaker()).isEqualTo(BreakerState.OPEN);
    }

    @Test
    void toolErrorsAndJsonRpcErrorsNeverOpenIt() {
        start(BreakerPolicy.builder().failureThreshold(2).failureRate(50).window(4).openFor(Duration.ofSeconds(60))
                .halfOpenCalls(1).build());
        for (int i = 0; i < 10; i++) {
            assertThat(sb.call("flaky", "tool_error", Map.of()).isError()).isTrue();
            assertThatThrownBy(() -> sb.call("flaky", "rpc_error", Map.of()))
                    .isInstanceOfSatisfying(SwitchboardException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.RPC_ERROR));
        }
        assertThat(sb.status("flaky").breaker()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void aFailureRateOverTheWindowOpensItWithoutConsecutiveFailures() {
        start(BreakerPolicy.builder().failureThreshold(100).failureRate(50).window(4).openFor(Duration.ofSeconds(60))
                .halfOpenCalls(1).build());
        timeOut(1);
        sb.call("flaky", "echo", Map.of());
        timeOut(1);
        assertThat(sb.status("flaky").breaker()).isEqualTo(BreakerState.CLOSED);
        sb.call("flaky", "echo", Map.of());
        assertThat(sb.status("flaky").breaker()).isEqualTo(BreakerState.OPEN);
    }
}
