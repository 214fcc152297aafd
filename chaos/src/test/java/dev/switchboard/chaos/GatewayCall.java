package dev.switchboard.chaos;

import dev.switchboard.testing.CallLedger;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** Calls through a gateway with the Java SDK's client, and says what became of each call as a ledger does. */
final class GatewayCall {
    private GatewayCall() {
    }

    /**
     * An initialized client of the gateway at {@code url} whose requests wait {@code patience}: longer than any call
     * may take, so a call the gateway leaves unanswered shows as late, not as the client's timeout.
     */
    static McpSyncClient client(URI url, Duration patience) {
        var transport = HttpClientStreamableHttpTransport.builder(url.getScheme() + "://" + url.getAuthority())
                .endpoint(url.getPath()).build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(patience).build();
        client.initialize();
        return client;
    }

    /** Calls {@code tool} (a qualified name): {@link CallLedger#OK}, the library's error code, or what went wrong. */
    static String call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        try {
            McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest(tool, arguments));
            if (!Boolean.TRUE.equals(r.isError())) {
                return CallLedger.OK;
            }
            // A failure of the server comes as a tool error carrying the library's code.
            Object error = r.meta() == null ? null : r.meta().get("dev.switchboard/error");
            return error instanceof Map<?, ?> m ? String.valueOf(m.get("code")) : "tool-error: " + r.content();
        } catch (McpError e) {
            return "rpc-error " + e.getJsonRpcError().code() + ": " + e.getMessage();
        }
    }
}
