package dev.switchboard;

import java.util.Objects;

/**
 * What one call of {@link Switchboard#callAll} ended with: a result (which may be a tool error, {@code isError}) or
 * a typed error, never both.
 *
 * @param call the call, as given
 * @param result the result, or null when the call failed
 * @param error the failure, or null when there is a result
 */
public record Outcome(ToolCall call, ToolResult result, SwitchboardException error) {
    public Outcome {
        Objects.requireNonNull(call, "call");
        if ((result == null) == (error == null)) {
            throw new IllegalArgumentException("an outcome has a result or an error (expected: exactly one)");
        }
    }

    public static Outcome of(ToolCall call, ToolResult result) {
        return new Outcome(call, result, null);
    }

    public static Outcome failed(ToolCall call, SwitchboardException error) {
        return new Outcome(call, null, error);
    }

    /** Whether the call produced a result (possibly a tool error). */
    public boolean hasResult() {
        return result != null;
    }

    /** Whether the call produced a result the tool did not mark as an error. */
    public boolean succeeded() {
        return result != null && !result.isError();
    }

    /** The result, or the error thrown. */
    public ToolResult resultOrThrow() {
        if (error != null) {
            throw error;
        }
        return result;
    }
}
