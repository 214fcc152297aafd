package dev.switchboard.agent;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One tool call the model asked for, and what came of it.
 *
 * @param name the tool's name as the model called it ({@code <server>__<tool>})
 * @param server the server it went to, or null when no offered tool has that name
 * @param tool the tool's own name on that server, or null like {@code server}
 * @param arguments the arguments as the model sent them (JSON text)
 * @param duration how long the call took: the server's answer time when it answered, else the time Switchboard
 *     spent before giving up
 * @param errorCode the {@link dev.switchboard.ErrorCode} name when the call failed ({@code TOOL_ERROR} when the
 *     tool itself reported an error), or null when it succeeded
 * @param result the text the model was given as the result (on failure, what went wrong)
 */
public record ToolCallReport(String name, String server, String tool, String arguments, Duration duration,
        String errorCode, String result) {

    public ToolCallReport {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arguments, "arguments");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(result, "result");
    }

    public boolean ok() {
        return errorCode == null;
    }

    /** The error code, when the call failed. */
    public Optional<String> error() {
        return Optional.ofNullable(errorCode);
    }
}
