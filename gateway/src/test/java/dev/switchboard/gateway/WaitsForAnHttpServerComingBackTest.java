package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.HttpServer;
import dev.switchboard.config.RetryPolicy;
import dev.switchboard.config.ServerOptions;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.Scenario;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * An HTTP server killed and started again on its port: a call made through the gateway while Switchboard's
 * reconnects are being refused waits for the server (within its deadline) and is served, instead of failing at once
 * with SERVER_UNAVAILABLE because more than one reconnect attempt had failed. Found by the chaos suite.
 */
class WaitsForAnHttpServerComingBackTest {
    private static final Scenario SCENARIO = FakeMcpServer.builder().name("phoenix").tool(FakeTool.echo("echo"))
            .build();

    @Test
    void aCallMadeWhileReconnectsAreRefusedIsServedOnceTheServerIsBack() throws Exception {
        int port;
        try (var s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Process first = start(port);
        Process second = null;
        var soon = RetryPolicy.builder().initialBackoff(Duration.ofMillis(50)).maxBackoff(Duration.ofMillis(100))
                .jitter(0).build();
        var server = HttpServer.builder("phoenix", URI.create("http://127.0.0.1:" + port + "/mcp"))
                .options(ServerOptions.builder().retry(soon).build()).build();
        try (Fixture fixture = Fixture.start(List.of(server))) {
            McpSyncClient client = fixture.javaClient();
            try {
                assertThat(client.callTool(new McpSchema.CallToolRequest("phoenix__echo", Map.of("n", 1))).isError())
                        .isNotEqualTo(Boolean.TRUE);
                first.destroyForcibly().waitFor();
                // Idle, nothing would notice before the next health probe: a call does, its connection refused.
                try {
                    fixture.switchboard.call("phoenix", "echo", Map.of(), Duration.ofSeconds(1));
                } catch (dev.switchboard.SwitchboardException expected) {
                    // the server is down: that is the point
                }
                Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    var status = fixture.switchboard.status("phoenix");
                    assertThat(status.attempts()).as("reconnects refused: %s", status).isGreaterThanOrEqualTo(3);
                });

                CompletableFuture<McpSchema.CallToolResult> call = new CompletableFuture<>();
                Thread.ofVirtual().start(() -> {
                    try {
                        call.complete(client.callTool(new McpSchema.CallToolRequest("phoenix__echo", Map.of("n", 2))));
                    } catch (RuntimeException e) {
                        call.completeExceptionally(e);
                    }
                });
                second = start(port);

                McpSchema.CallToolResult r = call.get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(r.isError()).as("%s", r).isNotEqualTo(Boolean.TRUE);
                assertThat(((McpSchema.TextContent) r.content().get(0)).text()).contains("\"n\":2");
            } finally {
                client.closeGracefully();
            }
        } finally {
            first.destroyForcibly().waitFor();
            if (second != null) {
                second.destroyForcibly().waitFor();
            }
        }
    }

    /** The fake server in a child JVM on {@code port}; started means serving (it prints its URL then). */
    private static Process start(int port) throws Exception {
        Process p = new ProcessBuilder(FakeMcpServer.httpCommand(SCENARIO, port))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String url = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertThat(url).as("the fake server serves").isNotNull();
        return p;
    }
}
