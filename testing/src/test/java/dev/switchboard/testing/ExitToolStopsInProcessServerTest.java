package dev.switchboard.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ExitToolStopsInProcessServerTest {

    @Test
    void pendingCallIsCutOffAndThePortCloses() throws Exception {
        try (var server = FakeMcpServer.builder().tool(FakeTool.exit("crash", 1)).startHttp();
             var raw = new RawHttp(server.url())) {
            raw.handshake();
            String outcome = raw.sendAsync("""
                    {"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"crash","arguments":{}}}""")
                    .handle((response, error) -> error != null ? "failed: " + error : response.body())
                    .get(Clients.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);

            assertThat(outcome).doesNotContain("\"result\"");
            assertThatThrownBy(() -> raw.send(RawStdio.INITIALIZE)).hasCauseInstanceOf(ConnectException.class);
        }
    }
}
