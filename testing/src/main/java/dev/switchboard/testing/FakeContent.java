package dev.switchboard.testing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Base64;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One content item of a fake tool's result or a fake prompt's message: text, an image, audio or an embedded resource.
 *
 * <p>Create one with {@link #text}, {@link #image}, {@link #audio} or {@link #resource}.
 *
 * @param type     what kind of content it is
 * @param text     the text (TEXT), or the embedded resource's text (RESOURCE with text)
 * @param data     base64 bytes (IMAGE, AUDIO), or the embedded resource's blob (RESOURCE without text)
 * @param mimeType the MIME type (IMAGE, AUDIO, RESOURCE)
 * @param uri      the embedded resource's URI (RESOURCE)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FakeContent(Type type, String text, String data, String mimeType, String uri) {

    /** The kinds of content; the JSON names are MCP's {@code type} values. */
    public enum Type {
        /** {@code {"type": "text", "text": ...}} */
        @JsonProperty("text") TEXT,
        /** {@code {"type": "image", "data": ..., "mimeType": ...}} */
        @JsonProperty("image") IMAGE,
        /** {@code {"type": "audio", "data": ..., "mimeType": ...}} */
        @JsonProperty("audio") AUDIO,
        /** {@code {"type": "resource", "resource": {"uri": ..., "mimeType": ..., "text" or "blob": ...}}} */
        @JsonProperty("resource") RESOURCE
    }

    public FakeContent {
        Objects.requireNonNull(type, "type");
        String missing = switch (type) {
            case TEXT -> text == null ? "text" : null;
            case IMAGE, AUDIO -> data == null || mimeType == null ? "data and mimeType" : null;
            case RESOURCE -> uri == null || (text == null) == (data == null) ? "uri and exactly one of text or data"
                    : null;
        };
        if (missing != null) {
            throw new IllegalArgumentException(type + " content needs " + missing);
        }
    }

    /** Text content. */
    public static FakeContent text(String text) {
        return new FakeContent(Type.TEXT, text, null, null, null);
    }

    /** Image content; the bytes travel base64-encoded, as MCP sends them. */
    public static FakeContent image(String mimeType, byte[] bytes) {
        return new FakeContent(Type.IMAGE, null, Base64.getEncoder().encodeToString(bytes), mimeType, null);
    }

    /** Audio content; the bytes travel base64-encoded, as MCP sends them. */
    public static FakeContent audio(String mimeType, byte[] bytes) {
        return new FakeContent(Type.AUDIO, null, Base64.getEncoder().encodeToString(bytes), mimeType, null);
    }

    /** An embedded text resource. */
    public static FakeContent resource(String uri, String mimeType, String text) {
        return new FakeContent(Type.RESOURCE, text, null, mimeType, uri);
    }

    /** The SDK's content, with {@code fill} applied to the text and the URI (prompts fill in their arguments). */
    McpSchema.Content toSchema(UnaryOperator<String> fill) {
        return switch (type) {
            case TEXT -> McpSchema.TextContent.builder(fill.apply(text)).build();
            case IMAGE -> McpSchema.ImageContent.builder(data, mimeType).build();
            case AUDIO -> McpSchema.AudioContent.builder(data, mimeType).build();
            case RESOURCE -> McpSchema.EmbeddedResource.builder(text != null
                    ? McpSchema.TextResourceContents.builder(fill.apply(uri), fill.apply(text)).mimeType(mimeType)
                            .build()
                    : McpSchema.BlobResourceContents.builder(fill.apply(uri), data).mimeType(mimeType).build())
                    .build();
        };
    }
}
