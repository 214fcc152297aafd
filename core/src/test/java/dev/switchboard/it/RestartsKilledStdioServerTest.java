package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.ErrorCode;
import dev.switchboard.HealthState;
import dev.switchboard.ServerState;
import dev.switchboard.ServerStatus;
import dev.switchboard.StatusesInto;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardException;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeResource;
import dev.switchboard.testing.FakeTool;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stdio server killed (with its grandchild) in the middle of a call: the call fails at once, health says
 * UNHEALTHY at once, and the server comes back by itself with its tools and resources, its restart counted.
 */
class RestartsKilledStdioServerTest {

    @Test
    void aKilledServerFailsItsCallAtOnceIsUnhealthyAndComesBackWithItsTools(@TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("pids");
        var scenario = FakeMcpServer.builder().name("victim").tool(FakeTool.echo("echo"), FakeTool.hang("hang"))
                .resource(FakeResource.text("file:///a", "a", "text/plain", "a")).build();
        var config = SwitchboardConfig.of(List.of(Stdio.server("victim",
                FakeMcpServer.stdioCommandIgnoringSigterm(scenario, pidFile))));
        List<ServerStatus> seen = new CopyOnWriteArrayList<>();
        var probes = new ManualProbes();
        try (var sb = Switchboard.builder(config).sleeper(new RecordingSleeper(5)).probeScheduler(probes)
                .listener(StatusesInto.list(seen)).start()) {
            probes.probe("victim");
            assertThat(sb.status("victim").health().state()).isEqualTo(HealthState.HEALTHY);
            FakeMcpServer.Pids pids = FakeMcpServer.readPids(pidFile);
            // A deadline of ten minutes: only noticing the death, not a timeout, can end this call quickly.
            var call = CompletableFuture.supplyAsync(() -> sb.call("victim", "hang", Map.of(), Duration.ofMinutes(10)));
            Awaitility.await().until(() -> sb.status("victim").toolCount() == 2); // connected and listed
            kill(pids.grandchild());
            kill(pids.server());

            assertThatThrownBy(call::join).hasCauseInstanceOf(SwitchboardException.class)
                    .cause().satisfies(e -> assertThat(((SwitchboardException) e).code())
                            .isEqualTo(ErrorCode.PROCESS_EXITED));
            Awaitility.await().atMost(Duration.ofSeconds(1)).until(() -> seen.stream()
                    .anyMatch(s -> s.health().state() == HealthState.UNHEALTHY
                            && s.health().lastError() != null
                            && s.health().lastError().code() == ErrorCode.PROCESS_EXITED));

            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> sb.status("victim").ready());
            ServerStatus back = sb.status("victim");
            assertThat(back.toolCount()).isEqualTo(2);
            assertThat(back.resourceCount()).isEqualTo(1);
            assertThat(back.health().restarts()).isEqualTo(1);
            assertThat(sb.tools("victim")).extracting(t -> t.name()).containsExactly("echo", "hang");
            assertThat(FakeMcpServer.readPids(pidFile).server()).isNotEqualTo(pids.server());
            probes.probe("victim");
            assertThat(sb.status("victim").health().state()).isEqualTo(HealthState.HEALTHY);
            assertThat(sb.call("victim", "echo", Map.of("again", "yes")).text()).contains("again");
            assertThat(seen).extracting(ServerStatus::state).contains(ServerState.CONNECTING, ServerState.READY);
        }
    }

    private static void kill(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
}
