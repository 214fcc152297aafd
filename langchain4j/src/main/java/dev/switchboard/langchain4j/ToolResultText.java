package dev.switchboard.langchain4j;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.CatalogEntry;
import dev.switchboard.ErrorCode;
import dev.switchboard.SwitchboardException;
import dev.switchboard.ToolResult;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * The text a model reads as a tool's result: what the tool returned, what it reported as an error, or why
 * Switchboard could not run it. The model reads it in place of an exception, so it names the tool and its server
 * and says what happened and whether trying again may help.
 */
final class ToolResultText {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ToolResultText() {
    }

    /** A result as the tool sent it: its text contents, else its structured content as JSON. */
    static String of(ToolResult result) {
        String body = contents(result.result());
        if (!result.isError()) {
            return body;
        }
        return "The tool '" + result.tool() + "' of server '" + result.server() + "' reported an error: "
                + (body.isBlank() ? "(no message)" : body);
    }

    /** Why a call failed before the tool could answer: the error code, Switchboard's message, and the outlook. */
    static String of(CatalogEntry entry, SwitchboardException e) {
        String server = e.server().orElse(entry.server());
        String tool = e.tool().orElse(entry.tool());
        return "Switchboard could not run the tool '" + tool + "' of server '" + server + "' (" + e.code() + "): "
                + sentence(e.getMessage()) + " " + outlook(e.code());
    }

    private static String outlook(ErrorCode code) {
        return switch (code) {
            // The catalog changed since the model was shown its tools (a reload, a server removed or renamed).
            case UNKNOWN_TOOL, UNKNOWN_SERVER -> "The tool is no longer offered: use another of your tools.";
            case INVALID_ARGUMENTS -> "Call it again with arguments that fit its parameters.";
            default -> code.retryable() ? "Trying again later may work."
                    : "Trying again with the same arguments will fail the same way.";
        };
    }

    private static String sentence(String message) {
        String m = message == null ? "" : message.strip();
        return m.endsWith(".") ? m : m + ".";
    }

    /** Arguments that are not a JSON object: the model can fix those itself. */
    static String invalidArguments(CatalogEntry entry, String detail) {
        return "The arguments for the tool '" + entry.tool() + "' of server '" + entry.server()
                + "' are not a JSON object (" + detail + "). Send the arguments as one JSON object that fits the "
                + "tool's parameters.";
    }

    /** A failure Switchboard did not classify (a bug): said as such, never thrown at the AI service. */
    static String unexpected(CatalogEntry entry, RuntimeException e) {
        return "Switchboard could not run the tool '" + entry.tool() + "' of server '" + entry.server()
                + "' because of an unexpected error (" + e + "). Trying again later may work.";
    }

    private static String contents(McpSchema.CallToolResult result) {
        List<String> parts = new ArrayList<>();
        for (McpSchema.Content c : result.content() == null ? List.<McpSchema.Content>of() : result.content()) {
            parts.add(content(c));
        }
        boolean anyText = result.content() != null
                && result.content().stream().anyMatch(McpSchema.TextContent.class::isInstance);
        // Structured content stands in for the text only when there is none: servers that send both put the
        // same data in the text (the MCP specification asks them to).
        if (!anyText && result.structuredContent() != null) {
            parts.add(json(result.structuredContent()));
        }
        return String.join("\n", parts);
    }

    // Text only: LangChain4j's OpenAI client rejects a tool result with any other content (UnsupportedFeatureException,
    // "does not support non-text content in tool results"), which would end the AI service call. Images, audio and
    // binary resources are named instead, so the model knows they exist.
    private static String content(McpSchema.Content c) {
        return switch (c) {
            case McpSchema.TextContent t -> t.text();
            case McpSchema.ImageContent i -> "[image: " + i.mimeType() + ", not shown]";
            case McpSchema.AudioContent a -> "[audio: " + a.mimeType() + ", not shown]";
            case McpSchema.ResourceLink l -> "[resource link: " + l.uri()
                    + (l.description() == null ? "" : " - " + l.description()) + "]";
            case McpSchema.EmbeddedResource r when r.resource() instanceof McpSchema.TextResourceContents text ->
                    text.text();
            case McpSchema.EmbeddedResource r -> "[resource: " + r.resource().uri() + ", binary, not shown]";
            default -> "[" + c.type() + " content, not shown]";
        };
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }
}
