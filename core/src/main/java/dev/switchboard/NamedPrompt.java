package dev.switchboard;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.Objects;

/**
 * A prompt of one server under the name Switchboard offers it by: its own name when no other server has a prompt of
 * that name, else {@code <server>__<name>}.
 *
 * @param name the name to pass to {@link Switchboard#getPrompt}
 * @param server the configured name of its server
 * @param prompt the prompt as the server listed it
 */
public record NamedPrompt(String name, String server, McpSchema.Prompt prompt) {
    public NamedPrompt {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(prompt, "prompt");
    }
}
