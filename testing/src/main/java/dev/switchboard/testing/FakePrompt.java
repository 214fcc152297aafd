package dev.switchboard.testing;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One prompt of a fake server: {@code prompts/get} answers user messages, each {@code {{argument}}} in their text
 * and URIs replaced by the argument's value: first the template as text (if there is one), then the other messages.
 *
 * @param name        the prompt name
 * @param description the advertised description
 * @param arguments   the names of its (required) arguments
 * @param template    the first message's text with {@code {{argument}}} placeholders, or null
 * @param messages    further messages (images, embedded resources, text), one user message each
 * @param completions per argument, the values {@code completion/complete} offers (those starting with what was typed)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record FakePrompt(String name, String description, List<String> arguments, String template,
                         List<FakeContent> messages, Map<String, List<String>> completions) {

    public FakePrompt {
        Objects.requireNonNull(name, "name");
        arguments = arguments == null ? List.of() : List.copyOf(arguments);
        messages = messages == null ? List.of() : List.copyOf(messages);
        completions = completions == null ? Map.of() : Map.copyOf(completions);
        if (template == null && messages.isEmpty()) {
            throw new IllegalArgumentException("prompt " + name + ": no messages (expected: a template or messages)");
        }
        for (String argument : completions.keySet()) {
            if (!arguments.contains(argument)) {
                throw new IllegalArgumentException("prompt " + name + ": completions for '" + argument
                        + "', which is not an argument (expected one of " + arguments + ")");
            }
        }
    }

    /** A prompt with the given arguments and template. */
    public static FakePrompt of(String name, String description, List<String> arguments, String template) {
        return new FakePrompt(name, description, arguments, template, null, null);
    }

    /** A prompt whose messages are these content items (image, embedded resource, text), one user message each. */
    public static FakePrompt withMessages(String name, String description, List<String> arguments,
                                          FakeContent... messages) {
        return new FakePrompt(name, description, arguments, null, List.of(messages), null);
    }

    /** This prompt, completing {@code argument} with those of {@code values} that start with what was typed. */
    public FakePrompt withCompletions(String argument, String... values) {
        var more = new LinkedHashMap<>(completions);
        more.put(argument, List.of(values));
        return new FakePrompt(name, description, arguments, template, messages, more);
    }

    McpSchema.Prompt toSchema() {
        var args = arguments.stream()
                .map(a -> McpSchema.PromptArgument.builder(a).description("argument " + a).required(true).build())
                .toList();
        return McpSchema.Prompt.builder(name).description(description).arguments(args).build();
    }

    /** The messages of {@code prompts/get} with these argument values. */
    List<McpSchema.PromptMessage> render(Map<String, Object> values) {
        List<McpSchema.PromptMessage> rendered = new ArrayList<>();
        if (template != null) {
            rendered.add(user(FakeContent.text(template).toSchema(s -> fill(s, values))));
        }
        messages.forEach(m -> rendered.add(user(m.toSchema(s -> fill(s, values)))));
        return rendered;
    }

    /** The values offered for {@code argument} that start with {@code typed} (ignoring case). */
    List<String> complete(String argument, String typed) {
        String prefix = typed == null ? "" : typed.toLowerCase(Locale.ROOT);
        return completions.getOrDefault(argument, List.of()).stream()
                .filter(v -> v.toLowerCase(Locale.ROOT).startsWith(prefix)).toList();
    }

    private static McpSchema.PromptMessage user(McpSchema.Content content) {
        return new McpSchema.PromptMessage(McpSchema.Role.USER, content);
    }

    private String fill(String text, Map<String, Object> values) {
        for (String arg : arguments) {
            Object value = values == null ? null : values.get(arg);
            text = text.replace("{{" + arg + "}}", value == null ? "" : String.valueOf(value));
        }
        return text;
    }
}
