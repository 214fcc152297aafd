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
 * @param breaker the state of the server's circuit breaker for tool calls
 * @param breakerChangedAt when the breaker last changed state, or null if it never did
 */
public record ServerStatus(String name, Transport transport, ServerState state, boolean required, int priority,
        String protocolVersion, String serverName, String serverVersion, List<String> capabilities, int toolCount,
        int resourceCount, int promptCount, Instant connectedAt, Duration connectDuration, int attempts,
        ErrorInfo lastError, BreakerState breaker, Instant breakerChangedAt) {

    public ServerStatus {
        capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
        breaker = breaker == null ? BreakerState.CLOSED : breaker;
    }

    /** A status with a closed breaker that never changed. */
    public ServerStatus(String name, Transport transport, ServerState state, boolean required, int priority,
            String protocolVersion, String serverName, String serverVersion, List<String> capabilities,
            int toolCount, int resourceCount, int promptCount, Instant connectedAt, Duration connectDuration,
            int attempts, ErrorInfo lastError) {
        this(name, transport, state, required, priority, protocolVersion, serverName, serverVersion, capabilities,
                toolCount, resourceCount, promptCount, connectedAt, connectDuration, attempts, lastError,
                BreakerState.CLOSED, null);
    }

    /** This status with the breaker's state. */
    public ServerStatus withBreaker(BreakerState newBreaker, Instant changedAt) {
        return new ServerStatus(name, transport, state, required, priority, protocolVersion, serverName,
                serverVersion, capabilities, toolCount, resourceCount, promptCount, connectedAt, connectDuration,
                attempts, lastError, newBreaker, changedAt);
    }

    public boolean ready() {
        return state == ServerState.READY;
    }

    public Optional<ErrorInfo> error() {
        return Optional.ofNullable(lastError);
    }
}
