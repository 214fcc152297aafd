package dev.switchboard.spring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.CatalogEntry;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardException;
import dev.switchboard.ToolCall;
import dev.switchboard.ToolResult;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import java.util.Objects;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;

/**
 * One tool of a Switchboard's catalog as a Spring AI {@link ToolCallback}: named by its qualified catalog name
 * ({@code <server>__<tool>}), described and typed as the server lists it, called through Switchboard (its
 * deadlines, retries and breakers).
 *
 * <p>A failure never escapes as an exception: the tool's own error result and a failed call (server unavailable,
 * timeout, open breaker, ...) come back as text naming the server and the tool, so that the model can read it and
 * choose what to do, and one failing server does not end the whole chat request.
 */
public final class SwitchboardToolCallback implements ToolCallback {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EMPTY_SCHEMA = "{\"type\":\"object\",\"properties\":{}}";

    private final Switchboard switchboard;
    private final CatalogEntry entry;
    private final ToolDefinition definition;

    /** The callback of {@code entry}, calling through {@code switchboard}. */
    public SwitchboardToolCallback(Switchboard switchboard, CatalogEntry entry) {
        this.switchboard = Objects.requireNonNull(switchboard, "switchboard");
        this.entry = Objects.requireNonNull(entry, "entry");
        this.definition = ToolDefinition.builder().name(entry.qualifiedName()).description(description(entry))
                .inputSchema(schema(entry.definition())).build();
    }

    /** The catalog entry this callback calls. */
    public CatalogEntry entry() {
        return entry;
    }

    @Override
    public ToolDefinition getToolDefinition() {
        return definition;
    }

    @Override
    public String call(String toolInput) {
        Map<String, Object> arguments;
        try {
            arguments = arguments(toolInput);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return "Error: the arguments for tool " + entry.tool() + " of server " + entry.server()
                    + " are not a JSON object (expected: an object matching the tool's input schema). Nothing was"
                    + " sent.";
        }
        try {
            return text(switchboard.call(ToolCall.of(entry.server(), entry.tool(), arguments)));
        } catch (SwitchboardException e) {
            return "Error: calling tool " + entry.tool() + " of server " + entry.server() + " failed ("
                    + e.code().name() + "): " + e.getMessage();
        }
    }

    /** MCP tools take no Spring AI tool context: it is for the application's own tools, so it is not sent. */
    @Override
    public String call(String toolInput, ToolContext toolContext) {
        return call(toolInput);
    }

    private String text(ToolResult result) {
        String body = body(result);
        return result.isError() ? "Error: tool " + entry.tool() + " of server " + entry.server()
                + " reported an error: " + body : body;
    }

    /** The text contents; a result with none is given as its structured content, else its content, as JSON. */
    private static String body(ToolResult result) {
        String text = result.text();
        if (!text.isEmpty()) {
            return text;
        }
        McpSchema.CallToolResult r = result.result();
        return toJson(r.structuredContent() != null ? r.structuredContent() : r.content());
    }

    private static Map<String, Object> arguments(String input) throws JsonProcessingException {
        if (input == null || input.isBlank()) {
            return Map.of();
        }
        JsonNode node = JSON.readTree(input);
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("not an object");
        }
        return JSON.convertValue(node, JSON.getTypeFactory().constructMapType(Map.class, String.class, Object.class));
    }

    private static String description(CatalogEntry entry) {
        McpSchema.Tool tool = entry.definition();
        if (tool.description() != null && !tool.description().isBlank()) {
            return tool.description();
        }
        String title = tool.title() != null && !tool.title().isBlank() ? tool.title() : entry.tool();
        return title + " (a tool of the MCP server " + entry.server() + ")";
    }

    private static String schema(McpSchema.Tool tool) {
        return tool.inputSchema() == null ? EMPTY_SCHEMA : toJson(tool.inputSchema());
    }

    private static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tool schema or result that cannot be written as JSON", e);
        }
    }
}
