package dev.switchboard.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Faults only a real child process can play: dying mid-call, garbage on stdout, cancellations seen on stderr. */
@Timeout(60)
class ChildProcessFaultsOverStdioTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void exitToolEndsTheProcessWithItsCodeWhileTheCallIsPending() throws Exception {
        var scenario = FakeMcpServer.builder().tool(FakeTool.exit("crash", 42)).build();
        try (var raw = new RawStdio(FakeMcpServer.stdioCommand(scenario))) {
            raw.handshake();
            raw.send("""
                    {"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"crash","arguments":{}}}""");
            assertThat(raw.awaitExit()).isEqualTo(42);
            assertThat(raw.awaitStderr("exiting")).contains("exiting with code 42");
        }
    }

    @Test
    void malformedOutputAnswersWithLinesThatAreNotJson() throws Exception {
        var scenario = FakeMcpServer.builder().tool(FakeTool.echo("echo")).malformedOutput().build();
        try (var raw = new RawStdio(FakeMcpServer.stdioCommand(scenario))) {
            raw.send(RawStdio.INITIALIZE);
            for (int i = 0; i < 3; i++) {
                String line = raw.nextStdoutLine();
                assertThatThrownBy(() -> JSON.readTree(line)).as(line).isNotNull();
            }
            raw.closeStdin();
            assertThat(raw.awaitExit()).isZero();
        }
    }

    @Test
    void reportsCallsAndCancellationsOnStderr() throws Exception {
        var scenario = FakeMcpServer.builder().tool(FakeTool.hang("stuck")).build();
        try (var raw = new RawStdio(FakeMcpServer.stdioCommand(scenario))) {
            raw.handshake();
            raw.send("""
                    {"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"stuck","arguments":{"x":1}}}""");
            assertThat(raw.awaitStderr("fake-mcp: call")).endsWith("call stuck {\"x\":1}");
            raw.send("""
                    {"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":5,"reason":"late"}}""");
            assertThat(raw.awaitStderr("fake-mcp: cancelled")).endsWith("cancelled 5 late");
        }
    }

    @Test
    void exitsNormallyWhenStdinCloses() throws Exception {
        var scenario = FakeMcpServer.builder().tool(FakeTool.echo("echo")).build();
        try (var raw = new RawStdio(FakeMcpServer.stdioCommand(scenario))) {
            raw.handshake();
            raw.closeStdin();
            assertThat(raw.awaitExit()).isZero();
        }
    }
}
