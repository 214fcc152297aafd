package dev.switchboard;

import java.time.Duration;

/**
 * Running totals of the resource gathers of one {@link Switchboard}, the same numbers the {@code gather.*} events
 * log.
 *
 * @param gathers gathers started
 * @param failedGathers gathers that threw (fail-fast with a failed server, or a closed Switchboard)
 * @param serverGathers servers gathered successfully, summed over gathers
 * @param serverFailures servers that failed, summed over gathers
 * @param resources resources read, summed over gathers
 * @param bytes content bytes kept, summed over gathers
 * @param lastDuration how long the most recent gather took, or zero before the first
 */
public record GatherStats(long gathers, long failedGathers, long serverGathers, long serverFailures,
        long resources, long bytes, Duration lastDuration) {
}
