package dev.switchboard.testing;

import static org.assertj.core.api.Assertions.assertThat;

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
        try (var server = FakeMcpServer.builder().tool(FakeTool.hang("stuck")).startHttp();
             var raw = new RawHttp(server.url())) {
            raw.handshake();
            var pending = raw.sendAsync("""
                    {"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"stuck","arguments":{}}}""");
            assertThat(server.awaitCalls(1, Clients.TIMEOUT)).extracting(RunningFakeServer.Call::tool)
                    .containsExactly("stuck");

            raw.send("""
                    {"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":7,"reason":"user"}}""");

            assertThat(server.awaitCancellations(1, Clients.TIMEOUT))
                    .containsExactly(new RunningFakeServer.Cancellation(7L, "user"));
            assertThat(pending).isNotDone();
        }
    }
}
