package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.ErrorCode;
import dev.switchboard.HealthState;
import dev.switchboard.ServerState;
import dev.switchboard.ServerStatus;
import dev.switchboard.Switchboard;
import dev.switchboard.config.HealthPolicy;
import dev.switchboard.config.StdioServer;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Health probes against real stdio servers, run by the test (no timer) and timed by a test clock: a slow server is
 * DEGRADED but never UNHEALTHY; a stuck one (stopped with SIGSTOP) turns UNHEALTHY after {@code unhealthy_after}
 * failed probes while its connection stays up, and HEALTHY again once it answers.
 */
class ProbesSlowAndStuckServersTest {
    private static final HealthPolicy POLICY = HealthPolicy.builder().timeout(Duration.ofMillis(500))
            .degradedAfter(Duration.ofMillis(200)).build();

    @Test
    void aSlowButAnsweringServerIsDegradedNotUnhealthy() {
        var clock = new SteppingClock();
        var probes = new ManualProbes();
        try (var sb = Switchboard.builder(config("slow", HealthPolicy.Probe.PING)).clock(clock)
                .probeScheduler(probes).start()) {
            assertThat(sb.status("slow").health().state()).isEqualTo(HealthState.UNKNOWN);
            clock.step(Duration.ofSeconds(3)); // every probe now takes 3 s by the clock: slow, but within timeout
            for (int i = 0; i < 5; i++) {
                probes.probe("slow");
                ServerStatus.Health h = sb.status("slow").health();
                assertThat(h.state()).isEqualTo(HealthState.DEGRADED);
                assertThat(h.lastResponse()).isEqualTo(Duration.ofSeconds(3));
                assertThat(h.consecutiveFailures()).isZero();
            }
            assertThat(sb.status("slow").state()).isEqualTo(ServerState.READY);
            clock.step(Duration.ZERO);
            probes.probe("slow");
            assertThat(sb.status("slow").health().state()).isEqualTo(HealthState.HEALTHY);
        }
    }

    @Test
    void aStuckServerIsUnhealthyAfterThreeFailedProbesAndHealthyWhenItAnswersAgain() throws Exception {
        var probes = new ManualProbes();
        try (var sb = Switchboard.builder(config("stuck", HealthPolicy.Probe.LIST_TOOLS)).probeScheduler(probes)
                .start()) {
            probes.probe("stuck");
            assertThat(sb.status("stuck").health().state()).isEqualTo(HealthState.HEALTHY);
            long pid = childPid();
            signal("STOP", pid);
            try {
                probes.probe("stuck");
                assertThat(sb.status("stuck").health().state()).isEqualTo(HealthState.DEGRADED);
                probes.probe("stuck");
                assertThat(sb.status("stuck").health().state()).isEqualTo(HealthState.DEGRADED);
                probes.probe("stuck");
                ServerStatus st = sb.status("stuck");
                assertThat(st.health().state()).isEqualTo(HealthState.UNHEALTHY);
                assertThat(st.health().consecutiveFailures()).isEqualTo(3);
                assertThat(st.health().lastError().code()).isEqualTo(ErrorCode.TIMEOUT);
                assertThat(st.health().reason()).contains("3 probes in a row failed");
                assertThat(st.state()).as("probes judge health; they do not drop the session")
                        .isEqualTo(ServerState.READY);
            } finally {
                signal("CONT", pid);
            }
            probes.probe("stuck");
            assertThat(sb.status("stuck").health().state()).isEqualTo(HealthState.HEALTHY);
            assertThat(sb.call("stuck", "echo", Map.of("k", "v")).text()).contains("v");
        }
    }

    private static SwitchboardConfig config(String name, HealthPolicy.Probe probe) {
        var scenario = FakeMcpServer.builder().name(name).tool(FakeTool.echo("echo")).build();
        StdioServer s = Stdio.server(name, FakeMcpServer.stdioCommand(scenario));
        var health = POLICY.toBuilder().probe(probe).build();
        return SwitchboardConfig.of(List.of(s.withOptions(s.options().toBuilder().health(health).build())));
    }

    private static long childPid() {
        List<ProcessHandle> children = ProcessHandle.current().children().toList();
        assertThat(children).hasSize(1);
        return children.get(0).pid();
    }

    private static void signal(String signal, long pid) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor()).isZero();
    }
}
