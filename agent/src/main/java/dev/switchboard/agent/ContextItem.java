package dev.switchboard.agent;

import java.util.Objects;

/**
 * One resource read from an entity's authoritative server and given to the model before the question.
 *
 * @param entity the entity it was read for
 * @param server the server it was read from
 * @param uri its URI on that server
 * @param text the text the model was given (cut to what was left of the pipeline's context budget)
 * @param truncated whether {@code text} was cut, by the pipeline's budget or by the server's
 *     {@code max_resource_bytes}
 */
public record ContextItem(String entity, String server, String uri, String text, boolean truncated) {

    public ContextItem {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(text, "text");
    }
}
