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
        Check.argument(multiplier >= 1.0 && Double.isFinite(multiplier),
                "retry.multiplier: %s (expected: a finite number >= 1.0)", multiplier);
        Check.argument(maxBackoff.compareTo(initialBackoff) >= 0,
                "retry.max_backoff: %s (expected: >= initial_backoff %s)", maxBackoff, initialBackoff);
        Check.argument(jitter >= 0.0 && jitter <= 1.0, "retry.jitter: %s (expected: 0.0 to 1.0)", jitter);
    }

    /** A builder that starts from {@link #DEFAULT}. */
    public static Builder builder() {
        return DEFAULT.toBuilder();
    }

    /** A builder that starts from this policy. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds a {@link RetryPolicy} one setting at a time, so that a new setting never breaks a caller. */
    public static final class Builder {
        private int maxAttempts;
        private Duration initialBackoff;
        private double multiplier;
        private Duration maxBackoff;
        private double jitter;

        private Builder(RetryPolicy from) {
            maxAttempts = from.maxAttempts;
            initialBackoff = from.initialBackoff;
            multiplier = from.multiplier;
            maxBackoff = from.maxBackoff;
            jitter = from.jitter;
        }

        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
            return this;
        }

        public Builder multiplier(double multiplier) {
            this.multiplier = multiplier;
            return this;
        }

        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
            return this;
        }

        public Builder jitter(double jitter) {
            this.jitter = jitter;
            return this;
        }

        /** The policy, checked by its constructor. */
        public RetryPolicy build() {
            return new RetryPolicy(maxAttempts, initialBackoff, multiplier, maxBackoff, jitter);
        }
    }
}
