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
 */
public record CallOptions(Duration timeout, Consumer<CallProgress> onProgress, CancellationToken cancellation) {
    public static final CallOptions DEFAULT = new CallOptions(null, null, null);

    public CallOptions {
        if (timeout != null && !timeout.isPositive()) {
            throw new IllegalArgumentException("timeout: " + timeout + " (expected: > 0)");
        }
    }

    public CallOptions withTimeout(Duration newTimeout) {
        return new CallOptions(newTimeout, onProgress, cancellation);
    }

    public CallOptions withProgress(Consumer<CallProgress> newOnProgress) {
        return new CallOptions(timeout, newOnProgress, cancellation);
    }

    public CallOptions withCancellation(CancellationToken newCancellation) {
        return new CallOptions(timeout, onProgress, newCancellation);
    }
}
