package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.BreakerState;
import dev.switchboard.CallOptions;
import dev.switchboard.ErrorCode;
import dev.switchboard.RecordingListener;
import dev.switchboard.ServerState;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardEvent.BreakerChanged;
import dev.switchboard.SwitchboardEvent.ServerStateChanged;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Eight callers call a stdio server in a loop while it is killed with SIGKILL twenty times. Every call either
 * succeeds or, when it was in flight on the killed process, fails with PROCESS_EXITED: none is refused because the
 * server was restarting (calls wait for the new process within their deadline; the restart is at once and takes
 * well under a second on a quiet machine, the deadline leaves room for a loaded one), none times out, and the
 * breaker never opens, since each kill is one incident and each new process starts the breaker afresh.
 */
class SurvivesRepeatedKillsOfAStdioServerTest {
    private static final int CALLERS = 8;
    private static final int KILLS = 20;
    private static final CallOptions DEADLINE = CallOptions.DEFAULT.withTimeout(Duration.ofSeconds(15));

    @Test
    void everyCallSucceedsOrFailsWithTheCrashItWasInAndTheBreakerNeverOpens() throws Exception {
        var scenario = FakeMcpServer.builder().name("victim").tool(FakeTool.echo("echo")).build();
        var config = SwitchboardConfig.of(List.of(Stdio.server("victim", FakeMcpServer.stdioCommand(scenario))));
        var heard = new RecordingListener();
        Map<ErrorCode, Long> failures;
        try (var sb = Switchboard.builder(config).listener(heard).start()) {
            try (var callers = new LoopingCallers(sb, "victim", "echo", CALLERS, DEADLINE)) {
                for (int kill = 0; kill < KILLS; kill++) {
                    callers.awaitServed();
                    ProcessHandle victim = ProcessHandle.current().children().findFirst().orElseThrow();
                    victim.destroyForcibly();
                    await().atMost(Duration.ofSeconds(10)).until(() -> sb.status("victim").ready()
                            && ProcessHandle.current().children().noneMatch(p -> p.pid() == victim.pid()));
                }
                callers.awaitServed();
                failures = callers.failures();
            }
            assertThat(sb.status("victim").breaker()).isEqualTo(BreakerState.CLOSED);
            assertThat(sb.status("victim").state()).isEqualTo(ServerState.READY);
        }
        assertThat(failures.keySet()).as("failures: %s", failures).isSubsetOf(ErrorCode.PROCESS_EXITED);
        assertThat(failures.getOrDefault(ErrorCode.PROCESS_EXITED, 0L)).as("at most the calls in flight at each kill")
                .isLessThanOrEqualTo((long) CALLERS * KILLS);
        assertThat(heard.of(BreakerChanged.class)).extracting(BreakerChanged::to).doesNotContain(BreakerState.OPEN);
        printRestartTimes(heard);
    }

    /** From each loss of the session to the next READY, as the listener heard it: the figure the note reports. */
    private static void printRestartTimes(RecordingListener heard) {
        List<Long> millis = new ArrayList<>();
        Instant lost = null;
        for (ServerStateChanged e : heard.of(ServerStateChanged.class)) {
            if (e.previous() == ServerState.READY) {
                lost = e.at();
            } else if (e.status().state() == ServerState.READY && lost != null) {
                millis.add(Duration.between(lost, e.at()).toMillis());
                lost = null;
            }
        }
        System.out.println("restart after SIGKILL, ms (loss to ready): " + millis);
    }
}
