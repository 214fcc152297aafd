package dev.switchboard;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Options of one tool call; {@link #DEFAULT} uses the server's {@code request_timeout}, reports no progress and can
 * be cancelled only by interrupting the calling thread.
 *
 * @param timeout the limit on the call, or null for the server's {@code request_timeout}; never beyond the server's
 *     {@code calls.max_total}; with {@code progress_extends_deadline}, each progress report restarts it
 * @param onProgress receives the server's progress reports, or null; it runs on Switchboard's I/O thread: keep it
 *     quick
 * @param cancellation cancels the call from another thread, or null
 * @param waitForReady whether a call to a server that is not ready (starting, restarting after a crash,
 *     reconnecting) waits for it within the call's deadline (the default), or fails at once with
 *     {@code SERVER_UNAVAILABLE}; a server that failed for good, is disabled or closed never makes a call wait
 */
public record CallOptions(Duration timeout, Consumer<CallProgress> onProgress, CancellationToken cancellation,
        boolean waitForReady) {
    public static final CallOptions DEFAULT = new CallOptions(null, null, null, true);

    public CallOptions {
        if (timeout != null && !timeout.isPositive()) {
            throw new IllegalArgumentException("timeout: " + timeout + " (expected: > 0)");
        }
    }

    public CallOptions withTimeout(Duration newTimeout) {
        return new CallOptions(newTimeout, onProgress, cancellation, waitForReady);
    }

    public CallOptions withProgress(Consumer<CallProgress> newOnProgress) {
        return new CallOptions(timeout, newOnProgress, cancellation, waitForReady);
    }

    public CallOptions withCancellation(CancellationToken newCancellation) {
        return new CallOptions(timeout, onProgress, newCancellation, waitForReady);
    }

    /** These options, with a call that waits for a server that is not ready (true) or fails at once (false). */
    public CallOptions withWaitForReady(boolean wait) {
        return new CallOptions(timeout, onProgress, cancellation, wait);
    }
}
