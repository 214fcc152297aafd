package dev.switchboard.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class CallsToolBehavioursOverStreamableHttpTest {

    private static final LinkedBlockingQueue<McpSchema.ProgressNotification> progress = new LinkedBlockingQueue<>();
    private static RunningFakeServer server;
    private static McpSyncClient client;

    @BeforeAll
    static void start() {
        server = FakeMcpServer.builder().name("beta")
                .tool(FakeTool.echo("echo"), FakeTool.error("fails", "disk full"),
                        FakeTool.rpcError("rejects", -32001, "nope"), FakeTool.delay("slow", Duration.ofMillis(50)),
                        FakeTool.progress("steps", 3, Duration.ZERO))
                .startHttp();
        client = Clients.http(server.baseUrl(), null, progress::add);
        client.initialize();
    }

    @AfterAll
    static void stop() {
        client.closeGracefully();
        server.close();
    }

    @Test
    void servesAtLoopbackMcpEndpoint() {
        assertThat(server.url()).isEqualTo("http://127.0.0.1:" + server.port() + "/mcp");
    }

    @Test
    void echoReturnsItsArguments() {
        var result = Clients.call(client, "echo", Map.of("q", "weather"));
        assertThat(result.isError()).isFalse();
        assertThat(Clients.text(result)).isEqualTo("{\"q\":\"weather\"}");
    }

    @Test
    void errorToolReturnsAnErrorResultNotAFailure() {
        var result = Clients.call(client, "fails", Map.of());
        assertThat(result.isError()).isTrue();
        assertThat(Clients.text(result)).isEqualTo("disk full");
    }

    @Test
    void rpcErrorToolAnswersWithJsonRpcError() {
        assertThatThrownBy(() -> Clients.call(client, "rejects", Map.of()))
                .isInstanceOfSatisfying(McpError.class, e -> {
                    assertThat(e.getJsonRpcError().code()).isEqualTo(-32001);
                    assertThat(e.getJsonRpcError().message()).isEqualTo("nope");
                });
    }

    @Test
    void delayToolAnswersAfterItsDelay() {
        assertThat(Clients.text(Clients.call(client, "slow", Map.of()))).isEqualTo("done");
    }

    @Test
    void progressToolReportsEachStepThenAnswers() throws InterruptedException {
        var request = McpSchema.CallToolRequest.builder("steps").arguments(Map.of()).progressToken("tok-1").build();
        assertThat(Clients.text(client.callTool(request))).isEqualTo("done after 3 steps");
        List<McpSchema.ProgressNotification> seen = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            seen.add(progress.poll(Clients.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        }
        // The SDK client may hand notifications to the consumer out of order; the wire order is checked below.
        assertThat(seen).extracting(McpSchema.ProgressNotification::progress).containsExactlyInAnyOrder(1.0, 2.0, 3.0);
        assertThat(seen).allSatisfy(n -> {
            assertThat(n.progressToken()).isEqualTo("tok-1");
            assertThat(n.total()).isEqualTo(3.0);
        });
    }

    @Test
    void progressNotificationsPrecedeTheResultInStepOrderOnTheWire() throws Exception {
        try (var raw = new RawHttp(server.url())) {
            raw.handshake();
            String stream = raw.send("""
                    {"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"steps","arguments":{},\
                    "_meta":{"progressToken":"wire"}}}""").body();
            int first = stream.indexOf("\"progress\":1");
            int second = stream.indexOf("\"progress\":2");
            int third = stream.indexOf("\"progress\":3");
            assertThat(first).isNotNegative().isLessThan(second);
            assertThat(second).isLessThan(third);
            assertThat(third).isLessThan(stream.indexOf("\"result\""));
        }
    }
}
