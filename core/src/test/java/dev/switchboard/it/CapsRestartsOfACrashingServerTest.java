package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.ErrorCode;
import dev.switchboard.HealthState;
import dev.switchboard.ServerState;
import dev.switchboard.ServerStatus;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardException;
import dev.switchboard.config.RestartPolicy;
import dev.switchboard.config.StdioServer;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A server that keeps crashing is restarted up to {@code restart.max_restarts} times within the window, then turns
 * FAILED saying why until an operator reconnects it; a server that stays up for {@code stable_after} starts counting
 * afresh.
 */
class CapsRestartsOfACrashingServerTest {

    @Test
    void theThirdCrashWithinTheWindowLeavesTheServerFailedUntilReconnected() {
        var clock = new SteppingClock();
        var restart = RestartPolicy.builder().maxRestarts(2).window(Duration.ofMinutes(10))
                .stableAfter(Duration.ofMinutes(5)).build();
        try (var sb = Switchboard.builder(config(restart)).clock(clock).sleeper(new RecordingSleeper(10))
                .probeScheduler(new ManualProbes()).start()) {
            crashAndAwaitReady(sb, 1);
            crashAndAwaitReady(sb, 2);
            crash(sb);
            Awaitility.await().until(() -> sb.status("crashy").state() == ServerState.FAILED);
            ServerStatus st = sb.status("crashy");
            assertThat(st.lastError().code()).isEqualTo(ErrorCode.PROCESS_EXITED);
            assertThat(st.lastError().message()).contains("restarted 2 times within 10m",
                    "restart.max_restarts: 2", "reconnect");
            assertThat(st.health().state()).isEqualTo(HealthState.UNHEALTHY);
            assertThatThrownBy(() -> sb.call("crashy", "echo", Map.of()))
                    .isInstanceOfSatisfying(SwitchboardException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVER_UNAVAILABLE));

            ServerStatus back = sb.reconnect("crashy");
            assertThat(back.state()).isEqualTo(ServerState.READY);
            assertThat(back.health().restarts()).isZero();
            assertThat(sb.call("crashy", "echo", Map.of("k", "v")).text()).contains("v");
        }
    }

    @Test
    void aSessionUpForStableAfterResetsTheRestartCount() {
        var clock = new SteppingClock();
        var restart = RestartPolicy.builder().maxRestarts(2).window(Duration.ofHours(1))
                .stableAfter(Duration.ofMinutes(5)).build();
        try (var sb = Switchboard.builder(config(restart)).clock(clock).sleeper(new RecordingSleeper(10))
                .probeScheduler(new ManualProbes()).start()) {
            crashAndAwaitReady(sb, 1);
            crashAndAwaitReady(sb, 2);
            clock.advance(Duration.ofMinutes(5));
            assertThat(sb.status("crashy").health().restarts()).isZero();
            crashAndAwaitReady(sb, 1);
            assertThat(sb.status("crashy").state()).isEqualTo(ServerState.READY);
        }
    }

    private static void crashAndAwaitReady(Switchboard sb, int expectedRestarts) {
        crash(sb);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> sb.status("crashy").ready()
                && sb.status("crashy").health().restarts() == expectedRestarts);
    }

    private static void crash(Switchboard sb) {
        assertThatThrownBy(() -> sb.call("crashy", "crash", Map.of()))
                .isInstanceOfSatisfying(SwitchboardException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.PROCESS_EXITED));
    }

    private static SwitchboardConfig config(RestartPolicy restart) {
        var scenario = FakeMcpServer.builder().name("crashy").tool(FakeTool.echo("echo"), FakeTool.exit("crash", 9))
                .build();
        StdioServer s = Stdio.server("crashy", FakeMcpServer.stdioCommand(scenario));
        return SwitchboardConfig.of(List.of(s.withOptions(s.options().toBuilder().restart(restart).build())));
    }
}
