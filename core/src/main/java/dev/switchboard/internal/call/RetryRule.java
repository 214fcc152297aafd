package dev.switchboard.internal.call;

import dev.switchboard.ErrorCode;
import dev.switchboard.SwitchboardException;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;

/**
 * When a failed call may be tried again. A tool that may have side effects is never run twice silently: it is
 * retried only when the request certainly did not reach the server. A tool that declares itself read-only or
 * idempotent is also retried after failures that may have reached it (a crash, a lost connection).
 */
final class RetryRule {
    private RetryRule() {
    }

    /**
     * @param sent whether the request was handed to the transport (so the server may have seen it)
     * @param safeToRepeat whether the tool declares {@code readOnlyHint} or {@code idempotentHint}
     */
    static boolean mayRetry(SwitchboardException e, boolean sent, boolean safeToRepeat) {
        ErrorCode code = e.code();
        if (!code.retryable() || code == ErrorCode.CIRCUIT_OPEN || code == ErrorCode.OVERLOADED
                || code == ErrorCode.TIMEOUT) {
            // An open breaker or a full bulkhead must fail at once; a timeout has used the call's whole deadline.
            return false;
        }
        // Once written, only a refused session proves the request did not run: a reset connection, a 5xx or a
        // closed transport may come after the server acted on it.
        return !sent || safeToRepeat || code == ErrorCode.SESSION_EXPIRED;
    }

    /** Whether a tool's annotations say that running it twice does no harm. */
    static boolean safeToRepeat(List<McpSchema.Tool> tools, String tool) {
        for (McpSchema.Tool t : tools) {
            if (t.name().equals(tool)) {
                McpSchema.ToolAnnotations a = t.annotations();
                return a != null && (Boolean.TRUE.equals(a.readOnlyHint()) || Boolean.TRUE.equals(a.idempotentHint()));
            }
        }
        return false;
    }
}
