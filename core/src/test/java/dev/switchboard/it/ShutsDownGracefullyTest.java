package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.ErrorCode;
import dev.switchboard.HealthState;
import dev.switchboard.RecordingListener;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardException;
import dev.switchboard.ToolResult;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeServerProcess;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Shutting down: new calls are refused with SHUTTING_DOWN, calls in flight may finish within the drain timeout (or
 * fail at once when forced), and afterwards no thread, process or socket of Switchboard is left.
 */
class ShutsDownGracefullyTest {

    @Test
    void callsInFlightFinishWhileNewOnesAreRefused() throws Exception {
        var scenario = FakeMcpServer.builder().name("h").tool(FakeTool.echo("echo"),
                FakeTool.delay("slow", Duration.ofSeconds(2))).build();
        try (RunningFakeServer server = FakeMcpServer.startHttp(scenario)) {
            var sb = Switchboard.start(SwitchboardConfig.of(List.of(HttpServer.of("h", URI.create(server.url())))));
            var call = CompletableFuture.supplyAsync(() -> sb.call("h", "slow", Map.of()));
            server.awaitCalls(1, Duration.ofSeconds(30));
            var shutdown = CompletableFuture.runAsync(() -> sb.shutdown(Duration.ofSeconds(60)));
            Awaitility.await().until(() -> refused(sb));
            ToolResult r = call.join();
            assertThat(r.isError()).isFalse();
            shutdown.join();
        }
    }

    @Test
    void aForcedShutdownFailsCallsInFlightAtOnce() throws Exception {
        var scenario = FakeMcpServer.builder().name("h").tool(FakeTool.hang("hang")).build();
        try (RunningFakeServer server = FakeMcpServer.startHttp(scenario)) {
            var sb = Switchboard.start(SwitchboardConfig.of(List.of(HttpServer.of("h", URI.create(server.url())))));
            var call = CompletableFuture.supplyAsync(() -> sb.call("h", "hang", Map.of(), Duration.ofMinutes(10)));
            server.awaitCalls(1, Duration.ofSeconds(30));
            sb.shutdown(Duration.ZERO);
            assertThatThrownBy(call::join).cause().isInstanceOfSatisfying(SwitchboardException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.SHUTTING_DOWN));
            // The server hears that the call was abandoned, so it can stop working on it (a health probe in flight
            // at that moment is cancelled too, for its own reason).
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> server.receivedCancellations().stream()
                    .anyMatch(c -> String.valueOf(c.reason()).contains("SHUTTING_DOWN")));
        }
    }

    @Test
    void afterCloseNoThreadProcessOrSocketOfSwitchboardRemains() throws Exception {
        var scenario = FakeMcpServer.builder().name("fake").tool(FakeTool.echo("echo")).build();
        try (FakeServerProcess httpChild = FakeServerProcess.http(scenario, 0)) {
            var config = SwitchboardConfig.of(List.of(HttpServer.of("remote", httpChild.url()),
                    Stdio.server("local", FakeMcpServer.stdioCommand(scenario))));
            // The JDK opens some process-wide I/O resources (a socket among them) on first use and keeps them for
            // the life of the JVM; run once so that they exist before counting, or the count depends on test order.
            try (var first = Switchboard.start(config)) {
                assertThat(first.call("remote", "echo", Map.of("k", "v")).text()).contains("v");
            }
            Leftovers before = Leftovers.now(httpChild.pid());
            try (var sb = Switchboard.builder(config).listener(new RecordingListener()).start()) {
                assertThat(sb.call("remote", "echo", Map.of("k", "v")).text()).contains("v");
                assertThat(sb.call("local", "echo", Map.of("k", "v")).text()).contains("v");
                // The real scheduler probes a fresh session at once: its threads are running.
                Awaitility.await().until(() -> sb.status().stream()
                        .allMatch(s -> s.health().state() == HealthState.HEALTHY));
                Leftovers during = Leftovers.now(httpChild.pid());
                assertThat(during.threads()).contains("switchboard-health-local", "switchboard-health-remote")
                        .anyMatch(t -> t.startsWith("switchboard-listener-"));
                assertThat(during.processes()).hasSize(1);
                assertThat(during.sockets()).isGreaterThan(before.sockets());
            }
            Leftovers after = Leftovers.now(httpChild.pid());
            assertThat(after.threads()).isEqualTo(before.threads());
            assertThat(after.processes()).isEqualTo(before.processes());
            assertThat(after.sockets()).isEqualTo(before.sockets());
        }
    }

    private static boolean refused(Switchboard sb) {
        try {
            sb.call("h", "echo", Map.of());
            return false;
        } catch (SwitchboardException e) {
            return e.code() == ErrorCode.SHUTTING_DOWN;
        }
    }
}
