package dev.switchboard.config;

import dev.switchboard.internal.util.Check;
import java.time.Duration;
import java.util.Objects;

/**
 * When a server's circuit breaker opens and how it recovers. Timeouts and transport failures count as failures;
 * a tool's own error ({@code isError: true}) and a JSON-RPC error answer do not.
 *
 * @param failureThreshold consecutive failures that open the breaker
 * @param failureRate percentage (1-100) of failed calls among the last {@code window} calls that opens it
 * @param window the number of most recent calls the failure rate is taken over (evaluated once that many were made)
 * @param openFor how long an open breaker fails calls at once before letting trial calls through
 * @param halfOpenCalls trial calls let through after {@code openFor}; the breaker closes when they succeed
 */
public record BreakerPolicy(int failureThreshold, int failureRate, int window, Duration openFor, int halfOpenCalls) {

    /** 5 consecutive failures, or 50% of the last 20 calls; open 60 s; 3 trial calls. */
    public static final BreakerPolicy DEFAULT = new BreakerPolicy(5, 50, 20, Duration.ofSeconds(60), 3);

    public BreakerPolicy {
        Objects.requireNonNull(openFor, "openFor");
        Check.argument(failureThreshold >= 1, "calls.breaker.failure_threshold: %s (expected: >= 1)",
                failureThreshold);
        Check.argument(failureRate >= 1 && failureRate <= 100,
                "calls.breaker.failure_rate: %s (expected: 1 to 100, a percentage)", failureRate);
        Check.argument(window >= 1, "calls.breaker.window: %s (expected: >= 1 calls)", window);
        Check.argument(openFor.isPositive(), "calls.breaker.open_for: %s (expected: > 0)", openFor);
        Check.argument(halfOpenCalls >= 1, "calls.breaker.half_open_calls: %s (expected: >= 1)", halfOpenCalls);
    }

    /** A builder that starts from {@link #DEFAULT}. */
    public static Builder builder() {
        return DEFAULT.toBuilder();
    }

    /** A builder that starts from this policy. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds a {@link BreakerPolicy} one setting at a time, so that a new setting never breaks a caller. */
    public static final class Builder {
        private int failureThreshold;
        private int failureRate;
        private int window;
        private Duration openFor;
        private int halfOpenCalls;

        private Builder(BreakerPolicy from) {
            failureThreshold = from.failureThreshold;
            failureRate = from.failureRate;
            window = from.window;
            openFor = from.openFor;
            halfOpenCalls = from.halfOpenCalls;
        }

        public Builder failureThreshold(int failureThreshold) {
            this.failureThreshold = failureThreshold;
            return this;
        }

        public Builder failureRate(int failureRate) {
            this.failureRate = failureRate;
            return this;
        }

        public Builder window(int window) {
            this.window = window;
            return this;
        }

        public Builder openFor(Duration openFor) {
            this.openFor = openFor;
            return this;
        }

        public Builder halfOpenCalls(int halfOpenCalls) {
            this.halfOpenCalls = halfOpenCalls;
            return this;
        }

        /** The policy, checked by its constructor. */
        public BreakerPolicy build() {
            return new BreakerPolicy(failureThreshold, failureRate, window, openFor, halfOpenCalls);
        }
    }
}
