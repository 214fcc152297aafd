package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.GatewaySettings;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The MCP Java SDK's legacy HTTP+SSE client (protocol 2024-11-05) against the gateway's {@code /sse}: the same
 * gateway as on {@code /mcp} behind it, with two stdio servers merged, pages followed to the end, calls routed to
 * their server, and a call's progress delivered to the client that asked for it.
 */
class ServesLegacySseClientsTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
    private static Fixture fixture;
    private static McpSyncClient client;

    @BeforeAll
    static void start() {
        fixture = Fixture.start(List.of(
                Fixture.stdio("alpha", FakeMcpServer.builder().name("alpha").tool(FakeTool.echo("echo"),
                        FakeTool.progress("count", 3, Duration.ofMillis(20)), FakeTool.text("hello", "hi")).build()),
                Fixture.stdio("beta", FakeMcpServer.builder().name("beta").tool(FakeTool.echo("echo"),
                        FakeTool.text("lookup", "found it")).build())),
                GatewaySettings.builder().port(0).pageSize(2).build());
        client = legacyClient(progress::add);
        client.initialize();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.closeGracefully();
        }
        fixture.close();
    }

    @SuppressWarnings("deprecation") // the SDK deprecates its legacy SSE client; old clients are what is served here
    private static McpSyncClient legacyClient(Consumer<McpSchema.ProgressNotification> onProgress) {
        URI url = fixture.url();
        var transport = HttpClientSseClientTransport.builder(url.getScheme() + "://" + url.getAuthority())
                .sseEndpoint(LegacySseEndpoint.SSE_PATH).build();
        return McpClient.sync(transport).requestTimeout(WAIT).initializationTimeout(WAIT)
                .progressConsumer(onProgress).build();
    }

    @Test
    void initializeNamesTheGatewayAndItsServers() {
        McpSchema.InitializeResult init = client.getCurrentInitializationResult();
        assertThat(init.protocolVersion()).isEqualTo("2024-11-05");
        assertThat(init.serverInfo().name()).isEqualTo("switchboard");
        assertThat(init.capabilities().tools()).isNotNull();
        assertThat(init.instructions()).contains("alpha", "beta");
    }

    @Test
    void followingNextCursorListsEveryToolOnceOverSeveralPages() {
        List<String> names = new ArrayList<>();
        int pages = 0;
        String cursor = null;
        do {
            McpSchema.ListToolsResult page = client.listTools(cursor);
            page.tools().forEach(t -> names.add(t.name()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);

        assertThat(names).containsExactly("alpha__count", "alpha__echo", "alpha__hello", "beta__echo",
                "beta__lookup");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void callsReachTheirServerWithArgumentsAndResultsIntact() {
        McpSchema.CallToolResult echo = client.callTool(McpSchema.CallToolRequest.builder("beta__echo")
                .arguments(Map.of("city", "Zürich", "n", 3)).build());
        McpSchema.CallToolResult hello = client.callTool(McpSchema.CallToolRequest.builder("alpha__hello").build());

        assertThat(text(echo)).contains("\"city\":\"Zürich\"", "\"n\":3");
        assertThat(text(hello)).isEqualTo("hi");
    }

    @Test
    void progressOfACallReachesTheClientUnderItsOwnToken() {
        McpSchema.CallToolResult result = client.callTool(McpSchema.CallToolRequest.builder("alpha__count")
                .progressToken("legacy-1").build());

        assertThat(result.isError()).as(result.toString()).isNotEqualTo(Boolean.TRUE);
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(progress)
                .filteredOn(p -> "legacy-1".equals(p.progressToken()))
                .extracting(McpSchema.ProgressNotification::progress).containsExactly(1.0, 2.0, 3.0));
    }

    @Test
    void aClientThatClosesEndsItsSession() {
        int before = fixture.gateway.sessionCount();
        McpSyncClient other = legacyClient(p -> { });
        other.initialize();
        assertThat(other.ping()).isNotNull();
        assertThat(fixture.gateway.sessionCount()).isEqualTo(before + 1);

        other.closeGracefully();

        Awaitility.await().atMost(WAIT).until(() -> fixture.gateway.sessionCount() == before);
    }

    private static String text(McpSchema.CallToolResult r) {
        assertThat(r.isError()).as(r.toString()).isNotEqualTo(Boolean.TRUE);
        return ((McpSchema.TextContent) r.content().get(0)).text();
    }
}
