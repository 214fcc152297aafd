package dev.switchboard.internal.status;

import dev.switchboard.ErrorInfo;
import dev.switchboard.HealthState;
import dev.switchboard.ServerStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** The library's {@link ServerStatus.Health}. */
public record HealthSnapshot(HealthState state, String reason, Duration lastResponse, Duration averageResponse,
        int consecutiveFailures, ErrorInfo lastError, Instant lastSuccess, Duration uptime, int restarts)
        implements ServerStatus.Health {

    /** Nothing known yet. */
    public static final HealthSnapshot UNKNOWN =
            new HealthSnapshot(HealthState.UNKNOWN, null, null, null, 0, null, null, null, 0);

    public HealthSnapshot {
        Objects.requireNonNull(state, "state");
    }
}
