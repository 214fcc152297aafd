package dev.switchboard.cli;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The demo's MCP client: the MCP Java SDK's, over Streamable HTTP, as any application would use it. */
final class DemoClient implements AutoCloseable {
    private final McpSyncClient client;

    DemoClient(URI url) {
        var transport = HttpClientStreamableHttpTransport.builder(url.getScheme() + "://" + url.getAuthority())
                .endpoint(url.getPath()).build();
        client = McpClient.sync(transport).clientInfo(new McpSchema.Implementation("switchboard-demo", "1"))
                .requestTimeout(Duration.ofSeconds(30)).build();
        client.initialize();
    }

    String serverName() {
        return client.getCurrentInitializationResult().serverInfo().name();
    }

    List<String> toolNames() {
        return client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
    }

    McpSchema.CallToolResult call(String tool, Map<String, Object> arguments) {
        return client.callTool(new McpSchema.CallToolRequest(tool, arguments));
    }

    @Override
    public void close() {
        client.closeGracefully();
    }
}
