package dev.switchboard.config;

import java.io.Serializable;
import java.util.Objects;

/**
 * One thing wrong with a configuration: where it is and what is wrong with it.
 *
 * @param path where the problem is: a dotted key path as written in the file ({@code servers.api.url}), or
 *     {@code file:line:column} for a syntax error
 * @param message what is wrong, usually ending with {@code (expected ...)}; never quotes a secret value
 */
public record ConfigProblem(String path, String message) implements Serializable {

    public ConfigProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /** The problem as one line: {@code path: message}. */
    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
