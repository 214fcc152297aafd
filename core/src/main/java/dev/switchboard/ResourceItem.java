package dev.switchboard;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One resource as read from a server: what the server listed and the contents it returned, within the configured
 * size limit.
 *
 * @param server the server it was read from
 * @param name the name the server listed it under (its URI when it was read without being listed)
 * @param uri the resource URI
 * @param mimeType the listed MIME type, or the first content's, or null
 * @param contents the contents as the server sent them: text, or a base64 blob with its MIME type; when
 *     {@code truncated}, cut to {@code orchestration.resources.max_resource_bytes} (blobs are cut as bytes and
 *     re-encoded)
 * @param size the bytes the server sent (UTF-8 bytes of text, decoded bytes of blobs), before any truncation
 * @param truncated whether {@code contents} were cut to the size limit
 */
public record ResourceItem(String server, String name, String uri, String mimeType,
        List<McpSchema.ResourceContents> contents, long size, boolean truncated) {

    public ResourceItem {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(uri, "uri");
        contents = List.copyOf(contents);
    }

    /** The first text content, if there is one. */
    public Optional<String> text() {
        return contents.stream().filter(McpSchema.TextResourceContents.class::isInstance)
                .map(c -> ((McpSchema.TextResourceContents) c).text()).findFirst();
    }

    /** The first blob content (base64, as sent), if there is one. */
    public Optional<String> blob() {
        return contents.stream().filter(McpSchema.BlobResourceContents.class::isInstance)
                .map(c -> ((McpSchema.BlobResourceContents) c).blob()).findFirst();
    }

    /** {@code <server>+<uri>}: the form that reads this resource from this server even if others share the URI. */
    public String qualifiedUri() {
        return server + "+" + uri;
    }
}
