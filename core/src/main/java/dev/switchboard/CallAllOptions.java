package dev.switchboard;

import java.time.Duration;

/**
 * Options of {@link Switchboard#callAll}: how many calls run at once, their deadlines, and what one failure does.
 *
 * @param maxConcurrency calls in flight at once (default 10)
 * @param perCallTimeout the limit on each call, or null for each server's {@code request_timeout}
 * @param overallTimeout the limit on the whole batch, or null for none; calls still running then fail with TIMEOUT
 *     (and are cancelled on their servers), calls not started fail with TIMEOUT without being sent
 * @param policy {@link Policy#COLLECT} (default) or {@link Policy#FAIL_FAST}
 * @param onProgress told {@code (completed, total)} after each call ends, or null; keep it quick
 * @param cancellation cancels the whole batch from another thread, or null
 * @param waitForReady whether a call to a server that is not ready waits for it within the call's deadline (the
 *     default) or fails at once; see {@link CallOptions#waitForReady()}
 */
public record CallAllOptions(int maxConcurrency, Duration perCallTimeout, Duration overallTimeout, Policy policy,
        ProgressListener onProgress, CancellationToken cancellation, boolean waitForReady) {

    /** What a failed call does to the others. */
    public enum Policy {
        /** Every call runs and gets its own outcome: a result or a typed error. */
        COLLECT,
        /**
         * The first failure (an error, or a result with {@code isError}) cancels every other call, on the servers
         * too, and {@code callAll} throws an error that names the failed call.
         */
        FAIL_FAST
    }

    /** Told how many calls of the batch have ended. */
    @FunctionalInterface
    public interface ProgressListener {
        void progress(int completed, int total);
    }

    public static final int DEFAULT_MAX_CONCURRENCY = 10;
    public static final CallAllOptions DEFAULT = new CallAllOptions(DEFAULT_MAX_CONCURRENCY, null, null,
            Policy.COLLECT, null, null, true);

    public CallAllOptions {
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency: " + maxConcurrency + " (expected: >= 1)");
        }
        if (perCallTimeout != null && !perCallTimeout.isPositive()) {
            throw new IllegalArgumentException("perCallTimeout: " + perCallTimeout + " (expected: > 0)");
        }
        if (overallTimeout != null && !overallTimeout.isPositive()) {
            throw new IllegalArgumentException("overallTimeout: " + overallTimeout + " (expected: > 0)");
        }
        policy = policy == null ? Policy.COLLECT : policy;
    }

    public CallAllOptions withMaxConcurrency(int n) {
        return new CallAllOptions(n, perCallTimeout, overallTimeout, policy, onProgress, cancellation, waitForReady);
    }

    public CallAllOptions withPerCallTimeout(Duration d) {
        return new CallAllOptions(maxConcurrency, d, overallTimeout, policy, onProgress, cancellation, waitForReady);
    }

    public CallAllOptions withOverallTimeout(Duration d) {
        return new CallAllOptions(maxConcurrency, perCallTimeout, d, policy, onProgress, cancellation, waitForReady);
    }

    public CallAllOptions withPolicy(Policy p) {
        return new CallAllOptions(maxConcurrency, perCallTimeout, overallTimeout, p, onProgress, cancellation, waitForReady);
    }

    public CallAllOptions withProgress(ProgressListener l) {
        return new CallAllOptions(maxConcurrency, perCallTimeout, overallTimeout, policy, l, cancellation, waitForReady);
    }

    public CallAllOptions withCancellation(CancellationToken t) {
        return new CallAllOptions(maxConcurrency, perCallTimeout, overallTimeout, policy, onProgress, t, waitForReady);
    }

    /** These options, with calls that wait for a server that is not ready (true) or fail at once (false). */
    public CallAllOptions withWaitForReady(boolean wait) {
        return new CallAllOptions(maxConcurrency, perCallTimeout, overallTimeout, policy, onProgress, cancellation,
                wait);
    }
}
