package dev.switchboard.testing;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The SDK's own MCP clients, pointed at a fake server (not yet initialized). */
final class Clients {

    // Generous: these bound a failure, they never pace a passing test.
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private Clients() {
    }

    static McpSyncClient stdio(List<String> command, Map<String, String> env) {
        var params = ServerParameters.builder(command.getFirst()).args(command.subList(1, command.size()))
                .env(env).build();
        return build(new StdioClientTransport(params, McpJsonDefaults.getMapper()), p -> { });
    }

    static McpSyncClient http(String baseUrl, String bearer) {
        return http(baseUrl, bearer, p -> { });
    }

    static McpSyncClient http(String baseUrl, String bearer, Consumer<McpSchema.ProgressNotification> progress) {
        var transport = HttpClientStreamableHttpTransport.builder(baseUrl).endpoint("/mcp")
                .requestBuilder(withBearer(bearer)).build();
        return build(transport, progress);
    }

    @SuppressWarnings("deprecation") // the SDK deprecates legacy SSE; it is what is being tested
    static McpSyncClient sse(String baseUrl, String bearer) {
        var transport = HttpClientSseClientTransport.builder(baseUrl).sseEndpoint("/sse")
                .requestBuilder(withBearer(bearer)).build();
        return build(transport, p -> { });
    }

    static McpSchema.CallToolResult call(McpSyncClient client, String tool, Map<String, Object> args) {
        return client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(args).build());
    }

    static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().getFirst()).text();
    }

    private static HttpRequest.Builder withBearer(String bearer) {
        var builder = HttpRequest.newBuilder();
        return bearer == null ? builder : builder.header("Authorization", "Bearer " + bearer);
    }

    private static McpSyncClient build(McpClientTransport transport,
                                       Consumer<McpSchema.ProgressNotification> progress) {
        return McpClient.sync(transport).requestTimeout(TIMEOUT).initializationTimeout(TIMEOUT)
                .progressConsumer(progress).build();
    }
}
