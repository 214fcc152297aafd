package dev.switchboard.testing;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Base64;
import java.util.Objects;

/**
 * One resource of a fake server, with either text or binary content.
 *
 * @param uri      the resource URI
 * @param name     the advertised name
 * @param mimeType the advertised MIME type
 * @param text     the text content, or {@code null} for a blob
 * @param blob     the base64 binary content, or {@code null} for text
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FakeResource(String uri, String name, String mimeType, String text, String blob) {

    public FakeResource {
        Objects.requireNonNull(uri, "uri");
        name = name == null ? uri : name;
        if ((text == null) == (blob == null)) {
            throw new IllegalArgumentException("resource " + uri + ": exactly one of text or blob (expected: one)");
        }
    }

    /** A text resource. */
    public static FakeResource text(String uri, String name, String mimeType, String text) {
        return new FakeResource(uri, name, mimeType, text, null);
    }

    /** A binary resource; the bytes travel base64-encoded, as MCP sends them. */
    public static FakeResource blob(String uri, String name, String mimeType, byte[] data) {
        return new FakeResource(uri, name, mimeType, null, Base64.getEncoder().encodeToString(data));
    }

    McpSchema.Resource toSchema() {
        return McpSchema.Resource.builder(uri, name).mimeType(mimeType).build();
    }

    McpSchema.ResourceContents contents() {
        return text != null ? McpSchema.TextResourceContents.builder(uri, text).mimeType(mimeType).build()
                : McpSchema.BlobResourceContents.builder(uri, blob).mimeType(mimeType).build();
    }
}
