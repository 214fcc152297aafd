package dev.switchboard;

import java.time.Duration;
import java.util.Map;

/**
 * Call numbers of one server, or of one tool of it, since Switchboard started.
 *
 * @param server the server
 * @param tool the tool, or null for the whole server
 * @param calls calls that ended (successes, tool errors and failures)
 * @param errors ended calls by error code; a result with {@code isError} counts as {@link ErrorCode#TOOL_ERROR}
 * @param inFlight calls running now
 * @param p50 median latency of ended calls (zero before the first)
 * @param p95 95th percentile latency
 * @param p99 99th percentile latency
 * @param breaker the server's circuit breaker state
 */
public record CallStats(String server, String tool, long calls, Map<ErrorCode, Long> errors, long inFlight,
        Duration p50, Duration p95, Duration p99, BreakerState breaker) {
    public CallStats {
        errors = Map.copyOf(errors);
    }

    /** Ended calls that failed or were tool errors. */
    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }
}
