package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.ErrorCode;
import dev.switchboard.ServerState;
import dev.switchboard.ServerStatus;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardException;
import dev.switchboard.config.RetryPolicy;
import dev.switchboard.config.StdioServer;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Stdio servers that cannot start, die at start, or die mid-call: each is classified and reported precisely. */
class StdioServerFailuresTest {

    @Test
    void aMissingCommandFailsAtOnceWithoutRetrying() {
        StdioServer missing = Stdio.server("ghost", List.of("switchboard-no-such-command-xyz", "--flag"));
        try (var sb = Switchboard.builder(SwitchboardConfig.of(List.of(missing)))
                .sleeper(new RecordingSleeper(0)).start()) {
            ServerStatus st = sb.status("ghost");
            assertThat(st.state()).isEqualTo(ServerState.FAILED);
            assertThat(st.attempts()).isEqualTo(1);
            assertThat(st.lastError().code()).isEqualTo(ErrorCode.PROCESS_START_FAILED);
            assertThat(st.lastError().message()).contains("switchboard-no-such-command-xyz", "PATH");
        }
    }

    @Test
    void aServerThatNeverAnswersTimesOutAndIsRetried() {
        StdioServer silent = Stdio.server("silent", List.of("sleep", "600"));
        var retry = RetryPolicy.builder().maxAttempts(2).initialBackoff(Duration.ofSeconds(1))
                .maxBackoff(Duration.ofSeconds(1)).jitter(0).build();
        silent = silent.withOptions(silent.options().toBuilder().connectTimeout(Duration.ofMillis(500)).retry(retry)
                .build());
        var sleeper = new RecordingSleeper(1);
        try (var sb = Switchboard.builder(SwitchboardConfig.of(List.of(silent))).sleeper(sleeper)
                .awaitOptionalServers(true).start()) {
            ServerStatus st = sb.status("silent");
            assertThat(st.state()).isEqualTo(ServerState.RETRYING);
            assertThat(st.lastError().code()).isEqualTo(ErrorCode.TIMEOUT);
            assertThat(st.lastError().message()).contains("initialize", "500ms", "connect_timeout");
            assertThat(sleeper.waits()).isNotEmpty();
        }
    }

    @Test
    void aServerThatExitsAtStartReportsItsExitCodeAndStderr() {
        var scenario = FakeMcpServer.builder().name("dying").exitOnStart(3, "fatal: database password rejected")
                .build();
        StdioServer dying = Stdio.server("dying", FakeMcpServer.stdioCommand(scenario))
                .withOptions(Stdio.server("x", List.of("x")).options().toBuilder().retry(Stdio.ONE_ATTEMPT).build());
        try (var sb = Switchboard.builder(SwitchboardConfig.of(List.of(dying)))
                .sleeper(new RecordingSleeper(0)).start()) {
            ServerStatus st = sb.status("dying");
            assertThat(st.lastError().code()).isEqualTo(ErrorCode.PROCESS_EXITED);
            assertThat(st.lastError().message()).contains("code 3", "database password rejected");
        }
    }

    @Test
    void aCrashMidCallFailsTheCallAtOnceAndTheServerComesBack() {
        var scenario = FakeMcpServer.builder().name("fragile").tool(FakeTool.echo("echo"), FakeTool.exit("crash", 7))
                .build();
        var config = SwitchboardConfig.of(List.of(Stdio.server("fragile", FakeMcpServer.stdioCommand(scenario))));
        var sleeper = new RecordingSleeper(5);
        try (var sb = Switchboard.builder(config).sleeper(sleeper).start()) {
            // A long deadline: only noticing the exit, not a timeout, can end this call quickly.
            assertThatThrownBy(() -> sb.call("fragile", "crash", Map.of(), Duration.ofMinutes(10)))
                    .isInstanceOfSatisfying(SwitchboardException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.PROCESS_EXITED));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> sb.status("fragile").state() == ServerState.READY);
            assertThat(sb.tools("fragile")).hasSize(2);
            assertThat(sb.call("fragile", "echo", Map.of("again", "yes")).text()).contains("again");
        }
    }

    @Test
    void requiredServersThatFailAreAllNamedInOneStartupError() {
        var config = SwitchboardConfig.of(List.of(
                required(Stdio.server("first", List.of("switchboard-missing-one"))),
                required(Stdio.server("second", List.of("switchboard-missing-two")))));
        assertThatThrownBy(() -> Switchboard.builder(config).sleeper(new RecordingSleeper(0)).start())
                .isInstanceOfSatisfying(SwitchboardException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PROCESS_START_FAILED);
                    assertThat(e.getMessage()).contains("2 required servers", "first: PROCESS_START_FAILED",
                            "second: PROCESS_START_FAILED");
                });
    }

    @Test
    void anOptionalServerThatFailsLeavesTheOthersUsable() {
        var scenario = FakeMcpServer.builder().name("good").tool(FakeTool.echo("echo")).build();
        var config = SwitchboardConfig.of(List.of(
                Stdio.server("broken", List.of("switchboard-missing-three")),
                required(Stdio.server("good", FakeMcpServer.stdioCommand(scenario)))));
        try (var sb = Switchboard.builder(config).sleeper(new RecordingSleeper(0)).start()) {
            assertThat(sb.status("broken").state()).isEqualTo(ServerState.FAILED);
            assertThat(sb.call("good", "echo", Map.of("k", "v")).text()).contains("v");
            assertThatThrownBy(() -> sb.call("broken", "echo", Map.of()))
                    .isInstanceOfSatisfying(SwitchboardException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.SERVER_UNAVAILABLE);
                        assertThat(e.getMessage()).contains("broken", "PROCESS_START_FAILED");
                    });
        }
    }

    private static StdioServer required(StdioServer s) {
        return s.withOptions(s.options().toBuilder().required(true).build());
    }

    @Test
    void aServerThatStopsReadingFailsTheNextCallAtOnceWithTheWriteError() throws Exception {
        var script = java.nio.file.Path.of(getClass().getResource("/servers/closes-stdin.cjs").toURI());
        var config = SwitchboardConfig.of(List.of(Stdio.server("deaf", List.of("node", script.toString()))));
        try (var sb = Switchboard.start(config)) {
            // This call makes the server close its stdin; it never answers.
            assertThatThrownBy(() -> sb.call("deaf", "deafen", Map.of(), Duration.ofMillis(500)))
                    .isInstanceOfSatisfying(SwitchboardException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT));
            // The process still runs, so only the failed write can end this call before its long deadline.
            assertThatThrownBy(() -> sb.call("deaf", "deafen", Map.of(), Duration.ofMinutes(10)))
                    .isInstanceOfSatisfying(SwitchboardException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.PROCESS_EXITED);
                        assertThat(e.getMessage()).contains("could not write to stdin", "deaf");
                    });
        }
    }
}
