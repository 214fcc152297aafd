package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.BreakerState;
import dev.switchboard.CallOptions;
import dev.switchboard.ErrorCode;
import dev.switchboard.RecordingListener;
import dev.switchboard.ServerState;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardEvent.BreakerChanged;
import dev.switchboard.SwitchboardEvent.ServerStateChanged;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.RetryPolicy;
import dev.switchboard.config.ServerOptions;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeServerProcess;
import dev.switchboard.testing.FakeTool;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Eight callers call a Streamable HTTP server in a loop while it is killed with SIGKILL and started again on its
 * port, twenty times. Switchboard notices at once (a broken connection makes it check the server's port; a refused
 * connection loses the session), reconnects, and every call either succeeds or, when its connection was cut off by
 * the kill, fails because of it (UNREACHABLE); none is refused for the restart, none times out, and the breaker
 * never opens.
 */
class SurvivesRepeatedRestartsOfAnHttpServerTest {
    private static final int CALLERS = 8;
    private static final int RESTARTS = 20;
    /**
     * Long enough for a restart of the server's JVM on a loaded 2-core machine (several seconds under a parallel
     * build): a call that waits for the new session must not be cut short by a deadline tighter than the restart.
     */
    private static final CallOptions DEADLINE = CallOptions.DEFAULT.withTimeout(Duration.ofSeconds(15));
    /** Reconnects soon: the server is started again right after each kill. */
    private static final RetryPolicy SOON = RetryPolicy.builder().initialBackoff(Duration.ofMillis(100))
            .maxBackoff(Duration.ofMillis(200)).jitter(0).build();

    @Test
    void everyCallSucceedsOrFailsWithTheKillItWasInAndTheBreakerNeverOpens() throws Exception {
        var scenario = FakeMcpServer.builder().name("http-victim").tool(FakeTool.echo("echo")).build();
        int port = Ports.unused();
        var server = HttpServer.builder("victim", URI.create("http://127.0.0.1:" + port + "/mcp"))
                .options(ServerOptions.builder().retry(SOON).build()).build();
        var heard = new RecordingListener();
        Map<ErrorCode, Long> failures;
        FakeServerProcess child = FakeServerProcess.http(scenario, port);
        try (var sb = Switchboard.builder(SwitchboardConfig.of(List.of(server))).listener(heard).start()) {
            try (var callers = new LoopingCallers(sb, "victim", "echo", CALLERS, DEADLINE)) {
                for (int restart = 0; restart < RESTARTS; restart++) {
                    callers.awaitServed(); // after a restart, only a new session can serve them
                    child.close();
                    child = FakeServerProcess.http(scenario, port);
                }
                callers.awaitServed();
                failures = callers.failures();
            }
            assertThat(sb.status("victim").breaker()).isEqualTo(BreakerState.CLOSED);
            assertThat(sb.status("victim").state()).isEqualTo(ServerState.READY);
        } finally {
            child.close();
        }
        assertThat(failures.keySet()).as("failures: %s", failures).isSubsetOf(ErrorCode.UNREACHABLE);
        // The calls in flight at each kill break with it; a caller may meet one more dead pooled connection of the
        // client before Switchboard has checked that the old server is gone, so at most two per caller and kill.
        assertThat(failures.getOrDefault(ErrorCode.UNREACHABLE, 0L)).as("only calls cut off by the kills")
                .isLessThanOrEqualTo(2L * CALLERS * RESTARTS);
        assertThat(heard.of(BreakerChanged.class)).extracting(BreakerChanged::to).doesNotContain(BreakerState.OPEN);
        assertThat(heard.of(ServerStateChanged.class)).filteredOn(e -> e.status().state() == ServerState.READY)
                .as("a new session after every restart").hasSize(RESTARTS + 1);
    }
}
