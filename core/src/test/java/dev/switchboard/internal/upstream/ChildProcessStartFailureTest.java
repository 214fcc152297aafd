package dev.switchboard.internal.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.ErrorCode;
import dev.switchboard.SwitchboardException;
import dev.switchboard.config.StdioServer;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server that cannot be started fails with PROCESS_START_FAILED and a message that says what to check. */
class ChildProcessStartFailureTest {
    @TempDir
    Path dir;

    @Test
    void missingCommandNamesTheCommandAndThePath() {
        var server = command("no-such-server-binary-xyz", Map.of("PATH", dir.toString()), null);

        assertThatThrownBy(() -> StdioScripts.transport(server).start())
                .isInstanceOfSatisfying(SwitchboardException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PROCESS_START_FAILED);
                    assertThat(e.server()).contains("bad");
                    assertThat(e.getMessage()).contains("'no-such-server-binary-xyz'").contains("not found")
                            .contains(dir.toString()).contains("PATH");
                });
    }

    @Test
    void nonExecutableFileIsReportedAsSuch() throws Exception {
        Path script = Files.writeString(dir.resolve("server.sh"), "#!/bin/sh\necho hi\n");

        assertStartFails(command(script.toString(), Map.of(), null), "not executable", "chmod +x");
        assertStartFails(command("server.sh", Map.of("PATH", dir.toString()), null), "not executable", "chmod");
    }

    @Test
    void missingWorkingDirectoryIsReported() {
        Path missing = dir.resolve("gone");

        assertStartFails(command("bash", Map.of(), missing), "working directory", missing.toString());
    }

    @Test
    void sendAfterAFailedConnectFailsWithTheStartFailure() {
        var transport = StdioScripts.transport(command("/nonexistent/server", Map.of(), null));

        assertThatThrownBy(() -> transport.connect(m -> m).block(StdioScripts.PROMPTLY))
                .isInstanceOf(SwitchboardException.class);
        assertThatThrownBy(() -> transport.sendMessage(new JSONRPCRequest("2.0", "ping", "1", null))
                .block(StdioScripts.PROMPTLY))
                .isInstanceOfSatisfying(SwitchboardException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.PROCESS_START_FAILED));
        transport.close();
    }

    @Test
    void relativeCommandResolvesAgainstTheWorkingDirectory() throws Exception {
        Path script = Files.writeString(dir.resolve("srv.sh"), "#!/bin/sh\nexit 0\n");
        assertThat(script.toFile().setExecutable(true)).isTrue();

        var transport = StdioScripts.transport(command("./srv.sh", Map.of(), dir));
        transport.start();
        transport.close();

        assertThat(transport.pid()).isPositive();
    }

    private static void assertStartFails(StdioServer server, String... messageParts) {
        assertThatThrownBy(() -> StdioScripts.transport(server).start())
                .isInstanceOfSatisfying(SwitchboardException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PROCESS_START_FAILED);
                    assertThat(e.getMessage()).contains(messageParts);
                });
    }

    private static StdioServer command(String command, Map<String, String> env, Path cwd) {
        return StdioServer.builder("bad", command).env(env).cwd(cwd).shutdownGrace(Duration.ofMillis(200)).build();
    }
}
