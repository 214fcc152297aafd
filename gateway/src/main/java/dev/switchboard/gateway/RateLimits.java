package dev.switchboard.gateway;

import dev.switchboard.config.RateLimit;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The gateway's rate limiters (resilience4j's {@link AtomicRateLimiter}: lock-free, no timer thread), on a clock
 * that tests can drive. A call that is over a limit is refused at once, never queued: its client decides whether to
 * wait.
 */
final class RateLimits {
    private final Supplier<Long> nanoTime;

    RateLimits(Supplier<Long> nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** A limiter for {@code limit}, or null for none. */
    AtomicRateLimiter limiter(String name, RateLimit limit) {
        if (limit == null) {
            return null;
        }
        RateLimiterConfig config = RateLimiterConfig.custom().limitForPeriod(limit.calls())
                .limitRefreshPeriod(limit.per()).timeoutDuration(Duration.ZERO).writableStackTraceEnabled(false)
                .build();
        return new AtomicRateLimiter(name, config, nanoTime);
    }

    /**
     * Takes one call from the caller's own limit, then from the global one: null when both allow it, else how long
     * to wait. The own limit goes first so that a token over it does not use up everyone's share; a call the global
     * limit refuses still counts against its token (resilience4j cannot give a permission back).
     */
    static Duration permit(AtomicRateLimiter own, AtomicRateLimiter global) {
        Duration wait = take(own);
        return wait != null ? wait : take(global);
    }

    private static Duration take(AtomicRateLimiter limiter) {
        if (limiter == null || limiter.acquirePermission()) {
            return null;
        }
        long nanos = limiter.getDetailedMetrics().getNanosToWait();
        return Duration.ofNanos(Math.max(nanos, 1_000_000)); // never "retry in 0": at least a millisecond
    }
}
