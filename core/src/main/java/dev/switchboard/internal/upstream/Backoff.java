package dev.switchboard.internal.upstream;

import dev.switchboard.config.RetryPolicy;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;

/** The wait before connection attempt {@code n + 1}: exponential with jitter, capped, and never shorter than a
 * server's own {@code Retry-After}. */
final class Backoff {
    private final IntervalFunction intervals;
    private final Duration max;

    Backoff(RetryPolicy policy) {
        this.max = policy.maxBackoff();
        this.intervals = policy.jitter() == 0.0
                ? IntervalFunction.ofExponentialBackoff(policy.initialBackoff(), policy.multiplier(), max)
                : IntervalFunction.ofExponentialRandomBackoff(policy.initialBackoff(), policy.multiplier(),
                        policy.jitter(), max);
    }

    /**
     * @param failedAttempts attempts that have failed so far (1 after the first failure)
     * @param retryAfter what the server asked for, or null
     */
    Duration delay(int failedAttempts, Duration retryAfter) {
        // resilience4j jitters after capping, so a jittered wait may exceed the cap: clamp it.
        Duration d = Duration.ofMillis(intervals.apply(Math.max(1, failedAttempts)));
        if (d.compareTo(max) > 0) {
            d = max;
        }
        if (retryAfter != null && retryAfter.compareTo(d) > 0) {
            return retryAfter;
        }
        return d;
    }
}
