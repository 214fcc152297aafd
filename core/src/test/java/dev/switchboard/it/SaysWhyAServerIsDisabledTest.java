package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.ErrorCode;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardException;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.Orchestration;
import dev.switchboard.config.ServerOptions;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A call to a disabled server says who disabled it: the configuration, or an operator at runtime (and where). */
class SaysWhyAServerIsDisabledTest {

    private static void assertRefusedSaying(Switchboard sb, String why) {
        assertThatThrownBy(() -> sb.call("h", "echo", Map.of())).isInstanceOfSatisfying(SwitchboardException.class,
                e -> org.assertj.core.api.Assertions.assertThat(e).extracting(SwitchboardException::code)
                        .isEqualTo(ErrorCode.SERVER_UNAVAILABLE))
                .hasMessageContaining("server 'h' is DISABLED").hasMessageContaining(why);
    }

    @Test
    void byTheConfigurationOrAtRuntimeWithOrWithoutAStateFile(@TempDir Path dir) {
        try (RunningFakeServer server = FakeMcpServer.startHttp(FakeMcpServer.builder().name("h")
                .tool(FakeTool.echo("echo")).build())) {
            var h = HttpServer.of("h", URI.create(server.url()));
            try (var sb = Switchboard.start(SwitchboardConfig.of(List.of(h)))) {
                sb.disable("h");
                assertRefusedSaying(sb, "disabled at runtime (kept in memory: no orchestration.state_file)");
            }
            Path state = dir.resolve("state.json");
            var withState = SwitchboardConfig.builder().servers(List.of(h))
                    .orchestration(Orchestration.builder().stateFile(state).build()).build();
            try (var sb = Switchboard.start(withState)) {
                sb.disable("h");
                assertRefusedSaying(sb, "disabled at runtime (state file " + state + ")");
            }
            var off = h.withOptions(ServerOptions.builder().enabled(false).build());
            try (var sb = Switchboard.start(SwitchboardConfig.of(List.of(off)))) {
                assertRefusedSaying(sb, "disabled in the configuration");
            }
        }
    }
}
