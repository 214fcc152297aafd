package dev.switchboard.testing;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One prompt of a fake server: {@code prompts/get} answers one user message, the template with each
 * {@code {{argument}}} replaced by the argument's value.
 *
 * @param name        the prompt name
 * @param description the advertised description
 * @param arguments   the names of its (required) arguments
 * @param template    the message text with {@code {{argument}}} placeholders
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FakePrompt(String name, String description, List<String> arguments, String template) {

    public FakePrompt {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(template, "template");
        arguments = arguments == null ? List.of() : List.copyOf(arguments);
    }

    /** A prompt with the given arguments and template. */
    public static FakePrompt of(String name, String description, List<String> arguments, String template) {
        return new FakePrompt(name, description, arguments, template);
    }

    McpSchema.Prompt toSchema() {
        var args = arguments.stream()
                .map(a -> McpSchema.PromptArgument.builder(a).description("argument " + a).required(true).build())
                .toList();
        return McpSchema.Prompt.builder(name).description(description).arguments(args).build();
    }

    String render(Map<String, Object> values) {
        String text = template;
        for (String arg : arguments) {
            Object value = values == null ? null : values.get(arg);
            text = text.replace("{{" + arg + "}}", value == null ? "" : String.valueOf(value));
        }
        return text;
    }
}
