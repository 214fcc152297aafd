package dev.switchboard;

import java.time.Instant;
import java.util.Objects;

/**
 * A failure as it is reported in a status snapshot: its code, its message and when it happened.
 *
 * @param code the stable classification
 * @param message what went wrong and what to check (secrets removed)
 * @param at when it was observed
 */
public record ErrorInfo(ErrorCode code, String message, Instant at) {
    public ErrorInfo {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(at, "at");
    }

    static ErrorInfo of(SwitchboardException e, Instant at) {
        return new ErrorInfo(e.code(), e.getMessage(), at);
    }
}
