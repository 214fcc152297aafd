package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.ServerState;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.Scenario;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A stdio server killed with SIGKILL in the middle of a client's session: the session never breaks, the other
 * server keeps answering, the client is told the tool list changed, and calls reach the restarted process.
 */
class KeepsSessionsThroughAServerCrashTest {

    @Test
    void aKilledServerIsRestartedUnderneathAndTheClientOnlySeesListChanged() throws Exception {
        Scenario beta = FakeMcpServer.builder().name("beta").tool(FakeTool.echo("echo")).build();
        try (Fixture fixture = Fixture.start(List.of(
                Fixture.stdio("alpha", FakeMcpServer.builder().name("alpha").tool(FakeTool.echo("echo")).build()),
                Fixture.stdio("beta", beta)))) {
            BlockingQueue<List<McpSchema.Tool>> changes = new LinkedBlockingQueue<>();
            URI url = fixture.url();
            McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(
                            url.getScheme() + "://" + url.getAuthority()).endpoint(url.getPath()).build())
                    .requestTimeout(Duration.ofSeconds(20)).toolsChangeConsumer(changes::add).build();
            try {
                client.initialize();
                assertThat(client.listTools().tools()).hasSize(2);

                ProcessHandle first = Fixture.processOf(beta);
                first.destroyForcibly();
                Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                        fixture.switchboard.status("beta").state() != ServerState.READY);

                assertThat(text(client.callTool(new McpSchema.CallToolRequest("alpha__echo", Map.of("n", 1)))))
                        .as("the other server is untouched").contains("\"n\":1");
                assertThat(text(client.callTool(new McpSchema.CallToolRequest("beta__echo", Map.of("n", 2)))))
                        .as("the call waits for the restart and reaches the new process").contains("\"n\":2");
                assertThat(changes.poll(20, TimeUnit.SECONDS)).as("tools/list_changed reached the client")
                        .isNotNull();
                Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                        assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
                                .containsExactly("alpha__echo", "beta__echo"));
                assertThat(Fixture.processOf(beta).pid()).as("a new process").isNotEqualTo(first.pid());
            } finally {
                client.closeGracefully();
            }
        }
    }

    private static String text(McpSchema.CallToolResult r) {
        assertThat(r.isError()).as(r.toString()).isNotEqualTo(Boolean.TRUE);
        return ((McpSchema.TextContent) r.content().get(0)).text();
    }
}
