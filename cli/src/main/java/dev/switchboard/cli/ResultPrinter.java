package dev.switchboard.cli;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders a tool's result for people: text contents as they are, other contents as a one-line summary (a terminal
 * cannot show an image), then the structured content as indented JSON.
 */
final class ResultPrinter {
    private ResultPrinter() {
    }

    static String render(McpSchema.CallToolResult result) {
        List<String> parts = new ArrayList<>();
        if (result.content() != null) {
            result.content().forEach(c -> parts.add(content(c)));
        }
        if (result.structuredContent() != null) {
            parts.add("structured content:\n" + Json.write(result.structuredContent()));
        }
        return parts.isEmpty() ? "(the tool returned no content)" : String.join("\n", parts);
    }

    static String content(McpSchema.Content c) {
        return switch (c) {
            case McpSchema.TextContent t -> t.text();
            case McpSchema.ImageContent i -> "[image: " + i.mimeType() + ", " + size(i.data()) + "]";
            case McpSchema.AudioContent a -> "[audio: " + a.mimeType() + ", " + size(a.data()) + "]";
            case McpSchema.ResourceLink l -> "[resource link: " + l.uri()
                    + (l.mimeType() == null ? "" : ", " + l.mimeType()) + "]";
            case McpSchema.EmbeddedResource e -> embedded(e.resource());
            default -> "[" + c.type() + " content]";
        };
    }

    private static String embedded(McpSchema.ResourceContents r) {
        String head = "[resource: " + r.uri() + (r.mimeType() == null ? "" : ", " + r.mimeType());
        return switch (r) {
            case McpSchema.TextResourceContents t -> head + "]\n" + t.text();
            case McpSchema.BlobResourceContents b -> head + ", " + size(b.blob()) + "]";
            default -> head + "]";
        };
    }

    /** The decoded size of base64 data, e.g. {@code 12.3 KB}. */
    static String size(String base64) {
        if (base64 == null) {
            return "0 bytes";
        }
        String s = base64.strip();
        int padding = s.endsWith("==") ? 2 : s.endsWith("=") ? 1 : 0;
        long bytes = Math.max(0, s.length() * 3L / 4 - padding);
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        double kb = bytes / 1024.0;
        return kb < 1024 ? String.format(Locale.ROOT, "%.1f KB", kb)
                : String.format(Locale.ROOT, "%.1f MB", kb / 1024);
    }
}
