package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.CallStats;
import dev.switchboard.ErrorCode;
import dev.switchboard.ServerState;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardException;
import dev.switchboard.ToolResult;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A stdio server that crashes and is restarted: a call made while it reconnects was certainly not sent and goes
 * through once it is back; a call cut off by the crash is retried only if its tool is read-only or idempotent, so
 * a tool with side effects never runs twice silently.
 */
class RetriesOnlyUnsentOrIdempotentCallsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private Switchboard sb;

    @BeforeEach
    void start() {
        var scenario = FakeMcpServer.builder().name("fragile").tool(FakeTool.echo("echo"), FakeTool.exit("crash", 9),
                FakeTool.delay("lookup", Duration.ofSeconds(1)).readOnly(),
                FakeTool.delay("transfer", Duration.ofSeconds(1))).build();
        // A long backoff, cut short by the server coming back: the retry waits for the new session.
        var server = CallConfigs.stdio("fragile", FakeMcpServer.stdioCommand(scenario),
                CallConfigs.concurrent(32, Duration.ofSeconds(20)));
        sb = Switchboard.builder(CallConfigs.of(server)).sleeper(new RecordingSleeper(5)).start();
    }

    @AfterEach
    void stop() {
        sb.close();
    }

    @Test
    void aCallMadeWhileTheServerReconnectsIsSentOnceItIsBack() {
        crash();
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(2))
                .until(() -> sb.status("fragile").state() != ServerState.READY);
        ToolResult r = sb.call("fragile", "echo", Map.of("while", "reconnecting"));
        assertThat(r.text()).contains("reconnecting");
        assertThat(r.attempts()).as("it waited for the new process, then went out once").isEqualTo(1);
    }

    @Test
    void aReadOnlyCallCutOffByACrashIsRetriedOnTheNewSession() throws Exception {
        CompletableFuture<ToolResult> lookup = inFlight("lookup");
        crash();
        ToolResult r = lookup.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(r.text()).isEqualTo("done");
        assertThat(r.attempts()).isEqualTo(2);
    }

    @Test
    void aCallWithSideEffectsCutOffByACrashIsNotRetried() throws Exception {
        CompletableFuture<ToolResult> transfer = inFlight("transfer");
        crash();
        assertThatThrownBy(() -> transfer.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .cause().isInstanceOfSatisfying(SwitchboardException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PROCESS_EXITED);
                    assertThat(e.getMessage()).doesNotContain("attempts");
                });
        CallStats stats = sb.stats().stream().filter(s -> "transfer".equals(s.tool())).findFirst().orElseThrow();
        assertThat(stats.calls()).isEqualTo(1);
        assertThat(stats.errors()).containsEntry(ErrorCode.PROCESS_EXITED, 1L);
    }

    /** Crashes the server with a call that is itself not retried (it has side effects: it ends the process). */
    private void crash() {
        assertThatThrownBy(() -> sb.call("fragile", "crash", Map.of(), Duration.ofMinutes(1)))
                .isInstanceOfSatisfying(SwitchboardException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PROCESS_EXITED);
                    assertThat(e.getMessage()).doesNotContain("attempts");
                });
    }

    /** Starts a call of {@code tool} and returns once its request was written to the server. */
    private CompletableFuture<ToolResult> inFlight(String tool) {
        CompletableFuture<ToolResult> f = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                f.complete(sb.call("fragile", tool, Map.of()));
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(2))
                .until(() -> SdkInternals.stdioPendingIds(sb, "fragile") == 1);
        return f;
    }
}
