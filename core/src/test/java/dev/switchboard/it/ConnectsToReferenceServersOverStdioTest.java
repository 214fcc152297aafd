package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.ServerState;
import dev.switchboard.Switchboard;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.ReferenceServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real server-everything and server-memory as stdio child processes, connected in parallel. */
class ConnectsToReferenceServersOverStdioTest {

    @Test
    void bothServersAreReadyWithTheirToolsAndAnswerCalls() {
        var config = SwitchboardConfig.of(List.of(
                Stdio.server("everything", ReferenceServer.everythingStdio()),
                Stdio.server("memory", ReferenceServer.memoryStdio(), Map.of("MEMORY_FILE_PATH",
                        System.getProperty("java.io.tmpdir") + "/switchboard-memory-" + ProcessHandle.current().pid()
                                + ".jsonl"))));
        try (var sb = Switchboard.start(config)) {
            assertThat(sb.status()).allSatisfy(s -> assertThat(s.state()).isEqualTo(ServerState.READY));
            assertThat(sb.status("everything").protocolVersion()).isEqualTo("2025-11-25");
            assertThat(sb.tools("memory")).extracting(t -> t.name()).contains("create_entities", "read_graph");
            assertThat(sb.call("everything", "echo", Map.of("message", "over stdio")).text())
                    .contains("over stdio");
            assertThat(sb.call("memory", "read_graph", Map.of()).isError()).isFalse();
        }
    }

    @Test
    void theChildSeesItsConfiguredEnvironmentButNotTheParentsSecrets() {
        assertThat(System.getenv("SWITCHBOARD_TEST_PARENT_ONLY")).as("set by surefire").isNotNull();
        var config = SwitchboardConfig.of(List.of(Stdio.server("everything", ReferenceServer.everythingStdio(),
                Map.of("GIVEN_BY_CONFIG", "configured-value"))));
        try (var sb = Switchboard.start(config)) {
            String env = sb.call("everything", "get-env", Map.of()).text();
            assertThat(env).contains("GIVEN_BY_CONFIG", "configured-value", "PATH");
            assertThat(env).doesNotContain("SWITCHBOARD_TEST_PARENT_ONLY", "parent-only-sentinel-4711");
        }
    }
}
