package dev.switchboard.internal.status;

import dev.switchboard.BreakerState;
import dev.switchboard.ErrorInfo;
import dev.switchboard.ServerState;
import dev.switchboard.ServerStatus;
import dev.switchboard.config.Transport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The library's {@link ServerStatus}: what a connection knows of itself, completed with its health (by its health
 * monitor) and its breaker (by the engine).
 */
public record StatusSnapshot(String name, Transport transport, ServerState state, boolean required, int priority,
        String protocolVersion, String serverName, String serverVersion, List<String> capabilities, int toolCount,
        int resourceCount, int promptCount, Instant connectedAt, Duration connectDuration, int attempts,
        Instant since, ErrorInfo lastError, ServerStatus.Health health, BreakerState breaker,
        Instant breakerChangedAt) implements ServerStatus {

    public StatusSnapshot {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
        health = health == null ? HealthSnapshot.UNKNOWN : health;
        breaker = breaker == null ? BreakerState.CLOSED : breaker;
    }

    /** A snapshot of a connection alone: health unknown, breaker closed. */
    public static StatusSnapshot connection(String name, Transport transport, ServerState state, boolean required,
            int priority, String protocolVersion, String serverName, String serverVersion, List<String> capabilities,
            int toolCount, int resourceCount, int promptCount, Instant connectedAt, Duration connectDuration,
            int attempts, Instant since, ErrorInfo lastError) {
        return new StatusSnapshot(name, transport, state, required, priority, protocolVersion, serverName,
                serverVersion, capabilities, toolCount, resourceCount, promptCount, connectedAt, connectDuration,
                attempts, since, lastError, HealthSnapshot.UNKNOWN, BreakerState.CLOSED, null);
    }

    /** This snapshot with other health. */
    public StatusSnapshot withHealth(ServerStatus.Health newHealth) {
        return new StatusSnapshot(name, transport, state, required, priority, protocolVersion, serverName,
                serverVersion, capabilities, toolCount, resourceCount, promptCount, connectedAt, connectDuration,
                attempts, since, lastError, newHealth, breaker, breakerChangedAt);
    }

    /** This snapshot with the breaker's state. */
    public StatusSnapshot withBreaker(BreakerState newBreaker, Instant changedAt) {
        return new StatusSnapshot(name, transport, state, required, priority, protocolVersion, serverName,
                serverVersion, capabilities, toolCount, resourceCount, promptCount, connectedAt, connectDuration,
                attempts, since, lastError, health, newBreaker, changedAt);
    }
}
