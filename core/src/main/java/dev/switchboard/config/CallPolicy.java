package dev.switchboard.config;

import dev.switchboard.internal.util.Check;
import java.time.Duration;
import java.util.Objects;

/**
 * How tool calls to a server are run: how long they may take in total, how they are retried, how many may run at
 * once, and when the server's circuit breaker opens. The default limit on one call is the server's
 * {@code request_timeout}; a call may override it, never beyond {@code maxTotal}.
 *
 * @param maxTotal the hard limit on one call, including retries and deadline extensions by progress
 * @param progressExtendsDeadline whether each progress notification restarts the call's timeout (up to maxTotal)
 * @param retryAttempts tries per call, the first included; a retry happens only when the request certainly did not
 *     reach the server, or the tool declares {@code readOnlyHint} or {@code idempotentHint}
 * @param retryBackoff the wait before the first retry, doubled for each further one
 * @param maxConcurrentCalls calls to this server in flight at once (the bulkhead)
 * @param queueWait how long a call waits for a free slot before failing with OVERLOADED
 * @param breaker when the circuit breaker opens and how it recovers
 */
public record CallPolicy(Duration maxTotal, boolean progressExtendsDeadline, int retryAttempts,
        Duration retryBackoff, int maxConcurrentCalls, Duration queueWait, BreakerPolicy breaker) {

    /** 10 min total, progress extends, 3 tries from 200 ms, 32 concurrent calls waiting up to 100 ms. */
    public static final CallPolicy DEFAULT = new CallPolicy(Duration.ofMinutes(10), true, 3, Duration.ofMillis(200),
            32, Duration.ofMillis(100), BreakerPolicy.DEFAULT);

    public CallPolicy {
        Objects.requireNonNull(maxTotal, "maxTotal");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        Objects.requireNonNull(queueWait, "queueWait");
        Objects.requireNonNull(breaker, "breaker");
        Check.argument(maxTotal.isPositive(), "calls.max_total: %s (expected: > 0)", maxTotal);
        Check.argument(retryAttempts >= 1, "calls.retry_attempts: %s (expected: >= 1; 1 means no retry)",
                retryAttempts);
        Check.argument(retryBackoff.isPositive(), "calls.retry_backoff: %s (expected: > 0)", retryBackoff);
        Check.argument(maxConcurrentCalls >= 1, "calls.max_concurrent_calls: %s (expected: >= 1)",
                maxConcurrentCalls);
        Check.argument(!queueWait.isNegative(), "calls.queue_wait: %s (expected: >= 0)", queueWait);
    }

    /** A builder that starts from {@link #DEFAULT}. */
    public static Builder builder() {
        return DEFAULT.toBuilder();
    }

    /** A builder that starts from this policy. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds a {@link CallPolicy} one setting at a time, so that a new setting never breaks a caller. */
    public static final class Builder {
        private Duration maxTotal;
        private boolean progressExtendsDeadline;
        private int retryAttempts;
        private Duration retryBackoff;
        private int maxConcurrentCalls;
        private Duration queueWait;
        private BreakerPolicy breaker;

        private Builder(CallPolicy from) {
            maxTotal = from.maxTotal;
            progressExtendsDeadline = from.progressExtendsDeadline;
            retryAttempts = from.retryAttempts;
            retryBackoff = from.retryBackoff;
            maxConcurrentCalls = from.maxConcurrentCalls;
            queueWait = from.queueWait;
            breaker = from.breaker;
        }

        public Builder maxTotal(Duration maxTotal) {
            this.maxTotal = maxTotal;
            return this;
        }

        public Builder progressExtendsDeadline(boolean progressExtendsDeadline) {
            this.progressExtendsDeadline = progressExtendsDeadline;
            return this;
        }

        public Builder retryAttempts(int retryAttempts) {
            this.retryAttempts = retryAttempts;
            return this;
        }

        public Builder retryBackoff(Duration retryBackoff) {
            this.retryBackoff = retryBackoff;
            return this;
        }

        public Builder maxConcurrentCalls(int maxConcurrentCalls) {
            this.maxConcurrentCalls = maxConcurrentCalls;
            return this;
        }

        public Builder queueWait(Duration queueWait) {
            this.queueWait = queueWait;
            return this;
        }

        public Builder breaker(BreakerPolicy breaker) {
            this.breaker = breaker;
            return this;
        }

        /** The policy, checked by its constructor. */
        public CallPolicy build() {
            return new CallPolicy(maxTotal, progressExtendsDeadline, retryAttempts, retryBackoff, maxConcurrentCalls,
                    queueWait, breaker);
        }
    }
}
