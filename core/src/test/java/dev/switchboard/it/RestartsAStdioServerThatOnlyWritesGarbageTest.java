package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.ErrorCode;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardException;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A stdio server that still runs but from some moment on writes only garbage (not one JSON-RPC message) is no
 * longer an MCP server: the call that met it fails with PROTOCOL_MISMATCH at its deadline, the process is replaced,
 * and the next call is served by the new one. Found by the chaos suite: the server used to stay garbled for good,
 * every call timing out, since nothing restarts a process that is alive.
 */
class RestartsAStdioServerThatOnlyWritesGarbageTest {

    @Test
    void aCallThatGotOnlyGarbageFailsAndTheServerIsStartedAfresh() {
        var scenario = FakeMcpServer.builder().name("garbled").tool(FakeTool.echo("echo"), FakeTool.garbage("garble"))
                .build();
        var config = SwitchboardConfig.of(List.of(Stdio.server("garbled", FakeMcpServer.stdioCommand(scenario))));
        try (var sb = Switchboard.builder(config).start()) {
            long firstPid = ProcessHandle.current().children().findFirst().orElseThrow().pid();

            assertThatThrownBy(() -> sb.call("garbled", "garble", Map.of(), Duration.ofSeconds(2)))
                    .isInstanceOfSatisfying(SwitchboardException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL_MISMATCH);
                        assertThat(e.getMessage()).contains("not JSON-RPC");
                    });

            // Waits for the new process within its deadline: a garbled process would time it out instead.
            assertThat(sb.call("garbled", "echo", Map.of("n", 1), Duration.ofSeconds(30)).text())
                    .contains("\"n\":1");
            assertThat(ProcessHandle.current().children().map(ProcessHandle::pid).toList())
                    .as("the garbled process was replaced").doesNotContain(firstPid).hasSize(1);
        }
    }
}
