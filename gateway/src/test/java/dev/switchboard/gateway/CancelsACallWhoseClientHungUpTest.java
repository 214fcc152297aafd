package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A client that closes the connection of a call's stream and does not come back: the gateway notices (its call
 * streams ping every two seconds), waits the resume grace, and cancels the call on its server; the session goes on.
 */
class CancelsACallWhoseClientHungUpTest {

    @Test
    void aCallWhoseStreamIsClosedIsCancelledOnItsServer() throws Exception {
        try (RunningFakeServer slow = FakeMcpServer.builder().name("slow").tool(FakeTool.hang("stuck"),
                FakeTool.echo("echo")).startHttp();
                Fixture fixture = Fixture.start(List.of(Fixture.http("slow", slow)))) {
            var raw = new RawClient(fixture.url());
            String session = raw.initialize("2025-11-25");
            String body = RawClient.request(7, "tools/call", "{\"name\":\"slow__stuck\",\"arguments\":{},"
                    + "\"_meta\":{\"progressToken\":\"p\"}}");
            try (Socket socket = new Socket(fixture.url().getHost(), fixture.url().getPort())) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /mcp HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Accept: application/json, text/event-stream\r\nMcp-Session-Id: " + session + "\r\n"
                        + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
                var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                assertThat(in.readLine()).startsWith("HTTP/1.1 200");
                assertThat(slow.awaitCalls(1, Duration.ofSeconds(10))).extracting(RunningFakeServer.Call::tool)
                        .containsExactly("stuck");
            } // the client hangs up, with the call in flight

            List<RunningFakeServer.Cancellation> cancels = slow.awaitCancellations(1, Duration.ofSeconds(20));
            assertThat(cancels).hasSize(1);
            RawClient.Answer after = raw.post(RawClient.request(8, "tools/call",
                    "{\"name\":\"slow__echo\",\"arguments\":{\"x\":1}}"), java.util.Map.of("Mcp-Session-Id", session));
            assertThat(after.body()).contains("\\\"x\\\":1");
        }
    }
}
