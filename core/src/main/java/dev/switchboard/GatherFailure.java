package dev.switchboard;

import java.util.Objects;

/**
 * A server that gave nothing to a gather, and why.
 *
 * @param server the configured name
 * @param priority 1-999, lower wins
 * @param code the stable classification
 * @param message what went wrong and what to check
 */
public record GatherFailure(String server, int priority, ErrorCode code, String message) {
    public GatherFailure {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return server + ": " + code + " " + message;
    }
}
