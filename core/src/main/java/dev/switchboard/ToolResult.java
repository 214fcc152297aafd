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
 * @param result the MCP result, content intact (text, images, audio, resource links, structured content)
 * @param attempts how many times the request was sent or tried; more than 1 only for calls that were safe to retry
 */
public record ToolResult(String server, String tool, Duration duration, McpSchema.CallToolResult result,
        int attempts) {
    public ToolResult {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(result, "result");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts: " + attempts + " (expected: >= 1)");
        }
    }

    /** A result of a single attempt. */
    public ToolResult(String server, String tool, Duration duration, McpSchema.CallToolResult result) {
        this(server, tool, duration, result, 1);
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
