package dev.switchboard.internal.upstream;

import dev.switchboard.ErrorCode;
import dev.switchboard.SwitchboardException;
import java.time.Duration;

/** A transient failure for which the server said how long to wait ({@code Retry-After}). */
final class RetryLaterException extends SwitchboardException {
    private static final long serialVersionUID = 1L;
    private final transient Duration retryAfter;

    RetryLaterException(ErrorCode code, String server, String tool, String message, Throwable cause,
            Duration retryAfter) {
        super(code, server, tool, message, cause);
        this.retryAfter = retryAfter;
    }

    /** The server's wait, or null when it named none. */
    Duration retryAfter() {
        return retryAfter;
    }
}
