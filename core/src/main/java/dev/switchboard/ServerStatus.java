package dev.switchboard;

import dev.switchboard.config.Transport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A point-in-time snapshot of one server's connection.
 *
 * @param name the configured name
 * @param transport how it is reached
 * @param state where the connection is in its life
 * @param required whether startup depends on it
 * @param priority 1-999, lower wins
 * @param protocolVersion the negotiated MCP protocol version, when connected
 * @param serverName the name the server reports for itself, when connected
 * @param serverVersion the version the server reports, when connected
 * @param capabilities the server capabilities it declared ({@code tools}, {@code resources}, {@code prompts},
 *     {@code logging}, {@code completions})
 * @param toolCount tools listed at the last connect, or -1 when unknown
 * @param resourceCount resources listed at the last connect, or -1 when unknown
 * @param promptCount prompts listed at the last connect, or -1 when unknown
 * @param connectedAt when the current session became ready
 * @param connectDuration how long the successful connect took
 * @param attempts connection attempts since the last success (or since start)
 * @param lastError the most recent failure, if any
 * @param health what the health probes and the connection say about it
 * @param breaker the state of the server's circuit breaker for tool calls
 * @param breakerChangedAt when the breaker last changed state, or null if it never did
 */
public record ServerStatus(String name, Transport transport, ServerState state, boolean required, int priority,
        String protocolVersion, String serverName, String serverVersion, List<String> capabilities, int toolCount,
        int resourceCount, int promptCount, Instant connectedAt, Duration connectDuration, int attempts,
        ErrorInfo lastError, Health health, BreakerState breaker, Instant breakerChangedAt) {

    public ServerStatus {
        capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
        health = health == null ? Health.UNKNOWN : health;
        breaker = breaker == null ? BreakerState.CLOSED : breaker;
    }

    /** A snapshot whose health is not known, with a closed breaker that never changed. */
    public ServerStatus(String name, Transport transport, ServerState state, boolean required, int priority,
            String protocolVersion, String serverName, String serverVersion, List<String> capabilities,
            int toolCount, int resourceCount, int promptCount, Instant connectedAt, Duration connectDuration,
            int attempts, ErrorInfo lastError) {
        this(name, transport, state, required, priority, protocolVersion, serverName, serverVersion, capabilities,
                toolCount, resourceCount, promptCount, connectedAt, connectDuration, attempts, lastError,
                Health.UNKNOWN, BreakerState.CLOSED, null);
    }

    /**
     * A server's health at one moment.
     *
     * @param state the verdict
     * @param reason why it has this verdict, in words (null when nothing needs saying)
     * @param lastResponse how long the last successful probe took, or null
     * @param averageResponse the mean of the recent successful probes, or null
     * @param consecutiveFailures probes failed in a row since the last success
     * @param lastError the last probe failure or connection loss, or null
     * @param lastSuccess when a probe last succeeded, or null
     * @param uptime how long the current session has been up, or null when it is down
     * @param restarts restarts since the server was last stable (see {@code restart.stable_after})
     */
    public record Health(HealthState state, String reason, Duration lastResponse, Duration averageResponse,
            int consecutiveFailures, ErrorInfo lastError, Instant lastSuccess, Duration uptime, int restarts) {
        /** Nothing known yet. */
        public static final Health UNKNOWN = new Health(HealthState.UNKNOWN, null, null, null, 0, null, null, null, 0);

        public Health {
            java.util.Objects.requireNonNull(state, "state");
        }
    }

    /** This snapshot with other health. */
    public ServerStatus withHealth(Health newHealth) {
        return new ServerStatus(name, transport, state, required, priority, protocolVersion, serverName,
                serverVersion, capabilities, toolCount, resourceCount, promptCount, connectedAt, connectDuration,
                attempts, lastError, newHealth, breaker, breakerChangedAt);
    }

    /** This snapshot with the breaker's state. */
    public ServerStatus withBreaker(BreakerState newBreaker, Instant changedAt) {
        return new ServerStatus(name, transport, state, required, priority, protocolVersion, serverName,
                serverVersion, capabilities, toolCount, resourceCount, promptCount, connectedAt, connectDuration,
                attempts, lastError, health, newBreaker, changedAt);
    }

    public boolean ready() {
        return state == ServerState.READY;
    }

    public Optional<ErrorInfo> error() {
        return Optional.ofNullable(lastError);
    }
}
