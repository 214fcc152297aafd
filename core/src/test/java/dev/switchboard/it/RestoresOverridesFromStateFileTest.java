package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.ErrorCode;
import dev.switchboard.ServerState;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardException;
import dev.switchboard.config.Orchestration;
import dev.switchboard.config.StdioServer;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server disabled by an operator stays disabled across a restart of Switchboard, until it is enabled again. */
class RestoresOverridesFromStateFileTest {
    private final Scenario a = ConfigFiles.scenario("a");
    private final Scenario b = ConfigFiles.scenario("b");

    @Test
    void aDisabledServerStaysDisabledAfterARestartUntilEnabled(@TempDir Path dir) throws Exception {
        Path stateFile = dir.resolve("state").resolve("switchboard-state.json");
        SwitchboardConfig config = config(stateFile);
        try (var sb = start(config)) {
            assertThat(sb.disable("b").state()).isEqualTo(ServerState.DISABLED);
            assertThat(ConfigFiles.pidOf(b)).as("its process is stopped").isEqualTo(-1);
            assertThatThrownBy(() -> sb.call("b", "echo", Map.of())).isInstanceOfSatisfying(
                    SwitchboardException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVER_UNAVAILABLE));
            assertThat(sb.status("a").ready()).isTrue();
        }
        assertThat(Files.readString(stateFile)).contains("\"disabled\"", "\"b\"");

        try (var sb = start(config)) {
            assertThat(sb.status("b").state()).as("restored from the state file").isEqualTo(ServerState.DISABLED);
            assertThat(ConfigFiles.pidOf(b)).isEqualTo(-1);
            assertThat(sb.enable("b").state()).isEqualTo(ServerState.READY);
            assertThat(sb.call("b", "echo", Map.of("k", "v")).text()).contains("v");
        }
        assertThat(Files.readString(stateFile)).doesNotContain("\"b\"");
        try (var sb = start(config)) {
            assertThat(sb.status("b").ready()).isTrue();
        }
    }

    @Test
    void aBrokenStateFileStopsTheStartWithAMessageSayingWhatToDo(@TempDir Path dir) throws Exception {
        Path stateFile = dir.resolve("state.json");
        Files.writeString(stateFile, "{\"disabled\": \"b\"}");
        assertThatThrownBy(() -> start(config(stateFile))).isInstanceOfSatisfying(SwitchboardException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
            assertThat(e.getMessage()).contains(stateFile.toString(), "fix or delete it");
        });
        assertThat(ProcessHandle.current().children().count()).isZero();
    }

    private static Switchboard start(SwitchboardConfig config) {
        return Switchboard.builder(config).probeScheduler(new ManualProbes()).start();
    }

    private SwitchboardConfig config(Path stateFile) {
        return SwitchboardConfig.builder().servers(List.of(server("a", a), server("b", b)))
                .orchestration(Orchestration.builder().stateFile(stateFile).build()).build();
    }

    private static StdioServer server(String name, Scenario scenario) {
        return Stdio.server(name, FakeMcpServer.stdioCommand(scenario));
    }
}
