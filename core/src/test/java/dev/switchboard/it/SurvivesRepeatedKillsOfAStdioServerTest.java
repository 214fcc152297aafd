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
import dev.switchboard.SwitchboardException;
import dev.switchboard.ToolCall;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
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
    private static final CallOptions DEADLINE = CallOptions.DEFAULT.withTimeout(Duration.ofSeconds(3));

    @Test
    void everyCallSucceedsOrFailsWithTheCrashItWasInAndTheBreakerNeverOpens() throws Exception {
        var scenario = FakeMcpServer.builder().name("victim").tool(FakeTool.echo("echo")).build();
        var server = Stdio.server("victim", FakeMcpServer.stdioCommand(scenario));
        var config = SwitchboardConfig.of(List.of(server));
        var heard = new RecordingListener();
        Map<ErrorCode, AtomicLong> failures = new ConcurrentHashMap<>();
        AtomicLong successes = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        try (var sb = Switchboard.builder(config).listener(heard).start();
                var callers = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch started = new CountDownLatch(CALLERS);
            for (int c = 0; c < CALLERS; c++) {
                int caller = c;
                callers.submit(() -> {
                    started.countDown();
                    for (int i = 0; !stop.get() && !Thread.currentThread().isInterrupted(); i++) {
                        try {
                            sb.call(ToolCall.of("victim", "echo", Map.of("caller", caller, "i", i)), DEADLINE);
                            successes.incrementAndGet();
                        } catch (SwitchboardException e) {
                            failures.computeIfAbsent(e.code(), k -> new AtomicLong()).incrementAndGet();
                        }
                    }
                });
            }
            started.await();
            try {
                killTwentyTimes(sb, successes);
            } finally {
                stop.set(true);
            }
            assertThat(sb.status("victim").breaker()).isEqualTo(BreakerState.CLOSED);
            assertThat(sb.status("victim").state()).isEqualTo(ServerState.READY);
        }
        assertThat(failures.keySet()).as("failures: %s", failures).isSubsetOf(ErrorCode.PROCESS_EXITED);
        assertThat(failures.getOrDefault(ErrorCode.PROCESS_EXITED, new AtomicLong()).get())
                .as("at most the calls in flight at each kill").isLessThanOrEqualTo((long) CALLERS * KILLS);
        assertThat(heard.of(BreakerChanged.class)).extracting(BreakerChanged::to).doesNotContain(BreakerState.OPEN);
        printRestartTimes(heard);
    }

    /** Kills the server each time it has served every caller again, and waits for its successor. */
    private static void killTwentyTimes(Switchboard sb, AtomicLong successes) {
        for (int kill = 0; kill < KILLS; kill++) {
            awaitEveryCallerServed(successes);
            ProcessHandle victim = ProcessHandle.current().children().findFirst().orElseThrow();
            victim.destroyForcibly();
            await().atMost(Duration.ofSeconds(10)).until(() -> sb.status("victim").ready()
                    && ProcessHandle.current().children().noneMatch(p -> p.pid() == victim.pid()));
        }
        awaitEveryCallerServed(successes);
    }

    private static void awaitEveryCallerServed(AtomicLong successes) {
        long before = successes.get();
        await().atMost(Duration.ofSeconds(10)).until(() -> successes.get() > before + CALLERS);
    }

    /** From each loss of the session to the next READY, as the listener heard it: the figure the note reports. */
    private static void printRestartTimes(RecordingListener heard) {
        List<ServerStateChanged> states = heard.of(ServerStateChanged.class);
        List<Long> millis = new ArrayList<>();
        Instant lost = null;
        for (ServerStateChanged e : states) {
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
