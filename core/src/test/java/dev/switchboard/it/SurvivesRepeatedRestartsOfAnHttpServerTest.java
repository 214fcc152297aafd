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
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.RetryPolicy;
import dev.switchboard.config.ServerOptions;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.Scenario;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Eight callers call a Streamable HTTP server in a loop while it is killed with SIGKILL and started again on its
 * port, twenty times. Switchboard notices at once (a refused connection loses the session), reconnects, and every
 * call either succeeds or, when it was in flight on the killed server, fails because of it (its connection broke:
 * UNREACHABLE); none is refused for the restart, none times out, and the breaker never opens.
 */
class SurvivesRepeatedRestartsOfAnHttpServerTest {
    private static final int CALLERS = 8;
    private static final int RESTARTS = 20;
    private static final CallOptions DEADLINE = CallOptions.DEFAULT.withTimeout(Duration.ofSeconds(3));
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
        Map<ErrorCode, AtomicLong> failures = new ConcurrentHashMap<>();
        AtomicLong successes = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        Process child = start(scenario, port);
        try (var sb = Switchboard.builder(SwitchboardConfig.of(List.of(server))).listener(heard).start();
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
                for (int restart = 0; restart < RESTARTS; restart++) {
                    awaitEveryCallerServed(successes);
                    child.destroyForcibly().waitFor();
                    child = start(scenario, port); // the callers are served again (next round) only by a new session
                }
                awaitEveryCallerServed(successes);
            } finally {
                stop.set(true);
            }
            assertThat(sb.status("victim").breaker()).isEqualTo(BreakerState.CLOSED);
            assertThat(sb.status("victim").state()).isEqualTo(ServerState.READY);
        } finally {
            child.destroyForcibly().waitFor();
        }
        assertThat(failures.keySet()).as("failures: %s", failures).isSubsetOf(ErrorCode.UNREACHABLE);
        assertThat(failures.getOrDefault(ErrorCode.UNREACHABLE, new AtomicLong()).get())
                .as("at most the calls in flight at each kill").isLessThanOrEqualTo((long) CALLERS * RESTARTS);
        assertThat(heard.of(BreakerChanged.class)).extracting(BreakerChanged::to).doesNotContain(BreakerState.OPEN);
        assertThat(heard.of(ServerStateChanged.class)).filteredOn(e -> e.status().state() == ServerState.READY)
                .as("a new session after every restart").hasSize(RESTARTS + 1);
    }

    private static void awaitEveryCallerServed(AtomicLong successes) {
        long before = successes.get();
        await().atMost(Duration.ofSeconds(10)).until(() -> successes.get() > before + CALLERS);
    }

    private static Process start(Scenario scenario, int port) throws IOException {
        Process p = new ProcessBuilder(FakeMcpServer.httpCommand(scenario, port))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String url = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertThat(url).as("the fake server's first line").endsWith(":" + port + "/mcp");
        return p;
    }
}
