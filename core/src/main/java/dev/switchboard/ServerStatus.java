package dev.switchboard;

import dev.switchboard.config.Transport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A point-in-time snapshot of one server's connection, its health and its circuit breaker.
 *
 * <p>Snapshots are made by Switchboard ({@link Switchboard#status()}, {@link SwitchboardEvent}s) and read by its
 * users; it is an interface so that new facts can be added without breaking anyone. Do not implement it.
 */
public interface ServerStatus {

    /** The configured name. */
    String name();

    /** How the server is reached. */
    Transport transport();

    /** Where the connection is in its life. */
    ServerState state();

    /** Whether startup depends on it. */
    boolean required();

    /** 1-999, lower wins. */
    int priority();

    /** The negotiated MCP protocol version, when connected; else null. */
    String protocolVersion();

    /** The name the server reports for itself, when connected; else null. */
    String serverName();

    /** The version the server reports, when connected; else null. */
    String serverVersion();

    /**
     * The capabilities the server declared: {@code tools}, {@code resources}, {@code prompts}, {@code logging},
     * {@code completions}; empty when not connected.
     */
    List<String> capabilities();

    /** Tools listed by the current session, or -1 when not connected. */
    int toolCount();

    /** Resources listed at the last connect, or -1 when unknown. */
    int resourceCount();

    /** Prompts listed at the last connect, or -1 when unknown. */
    int promptCount();

    /** When the current session became ready, or null. */
    Instant connectedAt();

    /** How long the successful connect took, or null. */
    Duration connectDuration();

    /** Connection attempts since the last success (or since start). */
    int attempts();

    /**
     * When the server entered its current {@link #state()}: since when it is READY, FAILED or DISABLED, or since
     * when it has been connecting (CONNECTING and RETRYING, which alternate with every attempt, count as one).
     */
    Instant since();

    /** The most recent failure, or null. */
    ErrorInfo lastError();

    /** What the health probes and the connection say about the server. */
    Health health();

    /** The state of the server's circuit breaker for tool calls. */
    BreakerState breaker();

    /** When the breaker last changed state, or null if it never did. */
    Instant breakerChangedAt();

    /** Whether the server is READY. */
    default boolean ready() {
        return state() == ServerState.READY;
    }

    /** The most recent failure, if any. */
    default Optional<ErrorInfo> error() {
        return Optional.ofNullable(lastError());
    }

    /** A server's health at one moment; made by Switchboard like {@link ServerStatus}. */
    interface Health {
        /** The verdict. */
        HealthState state();

        /** Why it has this verdict, in words, or null when nothing needs saying. */
        String reason();

        /** How long the last successful probe took, or null. */
        Duration lastResponse();

        /** The mean of the recent successful probes, or null. */
        Duration averageResponse();

        /** Probes failed in a row since the last success. */
        int consecutiveFailures();

        /** The last probe failure or connection loss, or null. */
        ErrorInfo lastError();

        /** When a probe last succeeded, or null. */
        Instant lastSuccess();

        /** How long the current session has been up, or null when it is down. */
        Duration uptime();

        /** Restarts since the server was last stable (see {@code restart.stable_after}). */
        int restarts();
    }
}
