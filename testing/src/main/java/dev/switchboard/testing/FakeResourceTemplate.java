package dev.switchboard.testing;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import java.util.Objects;

/**
 * One resource template of a fake server ({@code resources/templates/list}): a read of a URI that fits it answers
 * the text with each {@code {variable}} replaced by that part of the URI.
 *
 * @param uriTemplate the RFC 6570 URI template, e.g. {@code test://template/{id}/data}
 * @param name        the advertised name
 * @param mimeType    the advertised MIME type of what a read returns
 * @param text        the text a read returns, with {@code {variable}} placeholders
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FakeResourceTemplate(String uriTemplate, String name, String mimeType, String text) {

    public FakeResourceTemplate {
        Objects.requireNonNull(uriTemplate, "uriTemplate");
        Objects.requireNonNull(text, "text");
        name = name == null ? uriTemplate : name;
    }

    /** A template whose reads answer {@code text} with the URI's variables filled in. */
    public static FakeResourceTemplate of(String uriTemplate, String name, String mimeType, String text) {
        return new FakeResourceTemplate(uriTemplate, name, mimeType, text);
    }

    McpSchema.ResourceTemplate toSchema() {
        return McpSchema.ResourceTemplate.builder(uriTemplate, name).mimeType(mimeType).build();
    }

    McpSchema.TextResourceContents contents(String uri, Map<String, String> variables) {
        String filled = text;
        for (var variable : variables.entrySet()) {
            filled = filled.replace("{" + variable.getKey() + "}", variable.getValue());
        }
        return McpSchema.TextResourceContents.builder(uri, filled).mimeType(mimeType).build();
    }
}
