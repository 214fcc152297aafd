package dev.switchboard.config;

import dev.switchboard.internal.util.Check;
import java.time.Duration;
import java.util.Objects;

/**
 * How connecting to a server is retried: exponential backoff with jitter.
 *
 * @param maxAttempts attempts before an optional server is reported failed at startup (it is then retried in the
 *     background at {@code maxBackoff}); 1 means no retry
 * @param initialBackoff the wait after the first failure
 * @param multiplier growth of the wait per attempt
 * @param maxBackoff the cap on any single wait
 * @param jitter the random spread around each wait, 0 (none) to 1 (0x to 2x)
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff,
        double jitter) {

    /** 1 s, 2 s, 4 s, 8 s ... capped at 30 s, 5 attempts, +-50% jitter. */
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(5, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30), 0.5);

    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Check.argument(maxAttempts >= 1, "retry.attempts: %s (expected: >= 1)", maxAttempts);
        Check.argument(initialBackoff.isPositive(), "retry.initial_backoff: %s (expected: > 0)", initialBackoff);
        Check.argument(multiplier >= 1.0, "retry.multiplier: %s (expected: >= 1.0)", multiplier);
        Check.argument(maxBackoff.compareTo(initialBackoff) >= 0,
                "retry.max_backoff: %s (expected: >= initial_backoff %s)", maxBackoff, initialBackoff);
        Check.argument(jitter >= 0.0 && jitter <= 1.0, "retry.jitter: %s (expected: 0.0 to 1.0)", jitter);
    }
}
