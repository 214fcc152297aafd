package dev.switchboard.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.switchboard.ToolResult;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * The document {@code call --json} prints.
 *
 * @param server the server that answered (its configured name, also when called by alias)
 * @param tool the tool called
 * @param durationMs from sending the request to receiving the answer
 * @param isError whether the tool reported an error
 * @param result the MCP {@code CallToolResult} as the server sent it
 */
@JsonPropertyOrder({"server", "tool", "durationMs", "isError", "result"})
record CallReport(String server, String tool, long durationMs, boolean isError, McpSchema.CallToolResult result) {
    static CallReport of(ToolResult r) {
        return new CallReport(r.server(), r.tool(), r.duration().toMillis(), r.isError(), r.result());
    }
}
