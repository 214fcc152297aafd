package dev.switchboard;

/** Where a server's circuit breaker is: letting calls through, failing them at once, or trying a few. */
public enum BreakerState {
    /** Calls go through; failures are counted. */
    CLOSED,
    /** Calls fail at once with CIRCUIT_OPEN without touching the network. */
    OPEN,
    /** A few trial calls go through; the breaker closes when they succeed and opens again when they fail. */
    HALF_OPEN
}
