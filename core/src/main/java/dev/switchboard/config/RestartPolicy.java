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

    /** A builder that starts from {@link #DEFAULT}. */
    public static Builder builder() {
        return DEFAULT.toBuilder();
    }

    /** A builder that starts from this policy. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds a {@link RestartPolicy} one setting at a time, so that a new setting never breaks a caller. */
    public static final class Builder {
        private int maxRestarts;
        private Duration window;
        private Duration stableAfter;

        private Builder(RestartPolicy from) {
            maxRestarts = from.maxRestarts;
            window = from.window;
            stableAfter = from.stableAfter;
        }

        public Builder maxRestarts(int maxRestarts) {
            this.maxRestarts = maxRestarts;
            return this;
        }

        public Builder window(Duration window) {
            this.window = window;
            return this;
        }

        public Builder stableAfter(Duration stableAfter) {
            this.stableAfter = stableAfter;
            return this;
        }

        /** The policy, checked by its constructor. */
        public RestartPolicy build() {
            return new RestartPolicy(maxRestarts, window, stableAfter);
        }
    }
}
