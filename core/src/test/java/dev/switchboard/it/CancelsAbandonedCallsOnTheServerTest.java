package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.CallOptions;
import dev.switchboard.CancellationToken;
import dev.switchboard.ErrorCode;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardException;
import dev.switchboard.ToolCall;
import dev.switchboard.config.CallPolicy;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A call that ends before its answer (deadline passed, cancelled by the caller, thread interrupted) is cancelled on
 * the server too: the server receives {@code notifications/cancelled} for the very request it is working on.
 */
class CancelsAbandonedCallsOnTheServerTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private RunningFakeServer server;
    private Switchboard sb;

    @BeforeEach
    void start() {
        server = FakeMcpServer.builder().name("slow").tool(FakeTool.hang("stuck"), FakeTool.echo("echo")).startHttp();
        sb = Switchboard.start(CallConfigs.of(CallConfigs.http("slow", server.url(), CallPolicy.DEFAULT)));
    }

    @AfterEach
    void stop() {
        sb.close();
        server.close();
    }

    @Test
    void aCallPastItsDeadlineFailsWithTimeoutAndIsCancelledOnTheServer() throws Exception {
        assertThatThrownBy(() -> sb.call(ToolCall.of("slow", "stuck", Map.of()),
                CallOptions.DEFAULT.withTimeout(Duration.ofMillis(300))))
                .isInstanceOfSatisfying(SwitchboardException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
                    assertThat(e.getMessage()).contains("slow", "stuck");
                });
        var cancels = server.awaitCancellations(1, WAIT);
        assertThat(cancels).hasSize(1);
        assertThat(cancels.get(0).requestId()).isNotNull();
        assertThat(cancels.get(0).reason()).contains("timeout");
        assertThat(sb.call("slow", "echo", Map.of("after", "timeout")).text()).contains("timeout");
    }

    @Test
    void aCallCancelledByItsTokenFailsAtOnceAndIsCancelledOnTheServer() throws Exception {
        var token = new CancellationToken();
        var failure = new AtomicReference<SwitchboardException>();
        var running = CompletableFuture.runAsync(() -> {
            try {
                sb.call(ToolCall.of("slow", "stuck", Map.of()), CallOptions.DEFAULT.withCancellation(token));
            } catch (SwitchboardException e) {
                failure.set(e);
            }
        }, r -> Thread.ofVirtual().start(r));
        server.awaitCalls(1, WAIT);
        token.cancel("user pressed stop");
        running.get();
        assertThat(failure.get().code()).isEqualTo(ErrorCode.CANCELLED);
        assertThat(failure.get().getMessage()).contains("user pressed stop");
        assertThat(server.awaitCancellations(1, WAIT).get(0).reason()).as("the caller's own words")
                .isEqualTo("user pressed stop");
    }

    @Test
    void anInterruptedCallFailsWithCancelledAndIsCancelledOnTheServer() throws Exception {
        var failure = new AtomicReference<SwitchboardException>();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                sb.call("slow", "stuck", Map.of());
            } catch (SwitchboardException e) {
                failure.set(e);
            }
        });
        server.awaitCalls(1, WAIT);
        caller.interrupt();
        caller.join(WAIT);
        assertThat(failure.get().code()).isEqualTo(ErrorCode.CANCELLED);
        assertThat(server.awaitCancellations(1, WAIT)).hasSize(1);
    }

    @Test
    void aTokenCancelledBeforeTheCallNeverSendsIt() {
        var token = new CancellationToken();
        token.cancel();
        assertThatThrownBy(() -> sb.call(ToolCall.of("slow", "echo", Map.of()),
                CallOptions.DEFAULT.withCancellation(token)))
                .isInstanceOfSatisfying(SwitchboardException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CANCELLED));
        assertThat(server.receivedCalls()).isEmpty();
        assertThat(server.receivedCancellations()).isEmpty();
    }
}
