package dev.switchboard.config;

import dev.switchboard.internal.util.Check;
import java.time.Duration;
import java.util.Objects;

/**
 * How often a server whose session was lost (a crashed process, a dropped connection) may be restarted.
 *
 * @param maxRestarts the most restarts allowed within {@code window}; when one more is needed the server turns
 *     FAILED until an operator reconnects it; 0 means no limit
 * @param window the span {@code maxRestarts} counts over
 * @param stableAfter a session that stays up this long resets the restart count
 */
public record RestartPolicy(int maxRestarts, Duration window, Duration stableAfter) {

    /** No limit; the count resets after 5 minutes up. */
    public static final RestartPolicy DEFAULT = new RestartPolicy(0, Duration.ofMinutes(10), Duration.ofMinutes(5));

    public RestartPolicy {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(stableAfter, "stableAfter");
        Check.argument(maxRestarts >= 0, "restart.max_restarts: %s (expected: >= 0; 0 means no limit)",
                maxRestarts);
        Check.argument(window.isPositive(), "restart.window: %s (expected: > 0)", window);
        Check.argument(stableAfter.isPositive(), "restart.stable_after: %s (expected: > 0)", stableAfter);
    }

    /** Whether restarts are capped at all. */
    public boolean capped() {
        return maxRestarts > 0;
    }
}
