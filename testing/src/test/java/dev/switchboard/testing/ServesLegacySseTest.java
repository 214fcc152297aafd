package dev.switchboard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ServesLegacySseTest {

    @Test
    void sdkSseClientListsAndCallsTools() {
        try (var server = FakeMcpServer.builder().name("gamma").tool(FakeTool.echo("echo")).startSse()) {
            assertThat(server.url()).isEqualTo("http://127.0.0.1:" + server.port() + "/sse");
            var client = Clients.sse(server.baseUrl(), null);
            try {
                assertThat(client.initialize().serverInfo().name()).isEqualTo("gamma");
                assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).containsExactly("echo");
                assertThat(Clients.text(Clients.call(client, "echo", Map.of("n", 1)))).isEqualTo("{\"n\":1}");
                assertThat(server.receivedCalls()).containsExactly(new RunningFakeServer.Call("echo", Map.of("n", 1)));
            } finally {
                client.closeGracefully();
            }
        }
    }
}
