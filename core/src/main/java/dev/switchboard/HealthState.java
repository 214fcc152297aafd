package dev.switchboard;

/** How well a connected server answers, as its health probes and its connection show. */
public enum HealthState {
    /** Not probed yet (or not connected by choice: disabled, closed). */
    UNKNOWN,
    /** Answering probes within the configured latency threshold. */
    HEALTHY,
    /** Answering, but slower than {@code degraded_after}, or its last probe failed. */
    DEGRADED,
    /** Down: its session is lost (a process that exited), or {@code unhealthy_after} probes in a row failed. */
    UNHEALTHY
}
