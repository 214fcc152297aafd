package dev.switchboard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class RecordsCallsAndCancellationsTest {

    @Test
    void recordsEachToolCallWithItsArguments() {
        try (var server = FakeMcpServer.builder().tool(FakeTool.echo("echo"), FakeTool.text("t", "x")).startHttp()) {
            var client = Clients.http(server.baseUrl(), null);
            try {
                client.initialize();
                Clients.call(client, "echo", Map.of("a", 1));
                Clients.call(client, "t", Map.of());
            } finally {
                client.closeGracefully();
            }
            assertThat(server.receivedCalls()).containsExactly(
                    new RunningFakeServer.Call("echo", Map.of("a", 1)), new RunningFakeServer.Call("t", Map.of()));
        }
    }

    @Test
    void recordsCancellationOfAHangingCall() throws Exception {
        // The SDK client never sends notifications/cancelled, so this test speaks Streamable HTTP itself.
        // The client is closed last: HttpClient.close() waits for the hanging call, which ends when the server does.
        try (var http = HttpClient.newHttpClient();
             var server = FakeMcpServer.builder().tool(FakeTool.hang("stuck")).startHttp()) {
            var init = http.send(post(server, RawStdio.INITIALIZE, null), HttpResponse.BodyHandlers.ofString());
            String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
            http.send(post(server, RawStdio.INITIALIZED, session), HttpResponse.BodyHandlers.discarding());
            var pending = http.sendAsync(post(server, """
                    {"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"stuck","arguments":{}}}""",
                    session), HttpResponse.BodyHandlers.discarding());
            assertThat(server.awaitCalls(1, Clients.TIMEOUT)).extracting(RunningFakeServer.Call::tool)
                    .containsExactly("stuck");

            http.send(post(server, """
                    {"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":7,"reason":"user"}}""",
                    session), HttpResponse.BodyHandlers.discarding());

            assertThat(server.awaitCancellations(1, Clients.TIMEOUT))
                    .containsExactly(new RunningFakeServer.Cancellation(7L, "user"));
            assertThat(pending).isNotDone();
        }
    }

    private static HttpRequest post(RunningFakeServer server, String json, String session) {
        var request = HttpRequest.newBuilder(URI.create(server.url()))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (session != null) {
            request.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-06-18");
        }
        return request.build();
    }
}
