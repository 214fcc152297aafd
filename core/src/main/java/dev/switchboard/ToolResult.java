package dev.switchboard;

import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The result of one tool call: the MCP result as the server sent it, with where it came from and how long it took.
 *
 * <p>A result with {@link #isError()} is the tool reporting a failure; the server itself worked.
 *
 * @param server the server that answered
 * @param tool the tool's name on that server
 * @param duration from sending the request to receiving the answer
 * @param result the MCP result, content intact
 */
public record ToolResult(String server, String tool, Duration duration, McpSchema.CallToolResult result) {
    public ToolResult {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(result, "result");
    }

    public boolean isError() {
        return Boolean.TRUE.equals(result.isError());
    }

    /** The text contents joined by newlines (other content types are skipped). */
    public String text() {
        return result.content().stream()
                .filter(McpSchema.TextContent.class::isInstance)
                .map(c -> ((McpSchema.TextContent) c).text())
                .collect(Collectors.joining("\n"));
    }
}
