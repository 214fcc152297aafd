package dev.switchboard.config;

import dev.switchboard.internal.util.Check;
import java.time.Duration;
import java.util.Objects;

/**
 * A rate limit of the gateway: at most {@code calls} tool calls in each period of {@code per} (a batch counts one per
 * item). Calls beyond it are refused until the next period begins, never queued.
 *
 * @param calls tool calls allowed per period, 1 or more
 * @param per the period, at least 1 ms
 */
public record RateLimit(int calls, Duration per) {
    public RateLimit {
        Check.argument(calls >= 1, "rate_limit.calls: %s (expected: 1 or more)", calls);
        Objects.requireNonNull(per, "per");
        Check.argument(per.toMillis() >= 1, "rate_limit.per: %s (expected: 1ms or more, e.g. 1m)", per);
    }

    public static RateLimit of(int calls, Duration per) {
        return new RateLimit(calls, per);
    }

    @Override
    public String toString() {
        return calls + " calls per " + Durations.format(per);
    }
}
