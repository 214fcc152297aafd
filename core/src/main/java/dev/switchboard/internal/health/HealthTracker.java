package dev.switchboard.internal.health;

import dev.switchboard.ErrorInfo;
import dev.switchboard.HealthState;
import dev.switchboard.ServerState;
import dev.switchboard.ServerStatus;
import dev.switchboard.config.Durations;
import dev.switchboard.config.HealthPolicy;
import dev.switchboard.internal.status.HealthSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The health state machine of one server, fed by its connection state and its probe results; no I/O, no clock of
 * its own. A lost session makes the server UNHEALTHY at once; probes decide between HEALTHY, DEGRADED and UNHEALTHY
 * while it is connected. Thread-safe.
 */
final class HealthTracker {
    private static final int AVERAGE_OVER = 10;

    private final HealthPolicy policy;
    private final ReentrantLock lock = new ReentrantLock();
    private final Deque<Duration> recent = new ArrayDeque<>();
    private ServerState connection = ServerState.CONNECTING;
    /** Counts sessions, so that a probe that started on an earlier session is not credited to this one. */
    private long session;
    private HealthState state = HealthState.UNKNOWN;
    private String reason;
    private Duration last;
    private int failures;
    private ErrorInfo lastError;
    private Instant lastSuccess;

    HealthTracker(HealthPolicy policy) {
        this.policy = policy;
    }

    /** The connection changed state; returns whether the health state changed. */
    boolean onConnection(ServerState now, ErrorInfo error) {
        lock.lock();
        try {
            HealthState before = state;
            boolean wasReady = connection == ServerState.READY;
            connection = now;
            switch (now) {
                case READY -> {
                    if (!wasReady) {
                        session++;
                        failures = 0;
                        set(HealthState.UNKNOWN, "connected; not probed yet");
                    }
                }
                case DISABLED -> set(HealthState.UNKNOWN, "disabled");
                case CLOSED -> set(HealthState.UNKNOWN, "closed");
                case CONNECTING, RETRYING, FAILED -> {
                    // The first connect is not a failure yet; anything after a session, or a failed attempt, is.
                    if (wasReady || now != ServerState.CONNECTING || state == HealthState.UNHEALTHY) {
                        lastError = error != null ? error : lastError;
                        set(HealthState.UNHEALTHY, (wasReady ? "session lost" : "not connected (" + now + ")")
                                + (error == null ? "" : ": " + error.code() + ": " + error.message()));
                    }
                }
                default -> throw new IllegalStateException("unknown state " + now);
            }
            return state != before;
        } finally {
            lock.unlock();
        }
    }

    /** The session a probe starting now runs on, for {@link #onSuccess} and {@link #onFailure}; -1 if none. */
    long currentSession() {
        lock.lock();
        try {
            return connection == ServerState.READY ? session : -1;
        } finally {
            lock.unlock();
        }
    }

    /** A probe on session {@code on} answered after {@code took}; returns whether the health state changed. */
    boolean onSuccess(long on, Duration took, Instant at) {
        lock.lock();
        try {
            if (!applies(on)) {
                return false;
            }
            HealthState before = state;
            failures = 0;
            last = took;
            lastSuccess = at;
            recent.addLast(took);
            if (recent.size() > AVERAGE_OVER) {
                recent.removeFirst();
            }
            if (took.compareTo(policy.degradedAfter()) > 0) {
                set(HealthState.DEGRADED, "slow: the last probe took " + Durations.format(took)
                        + " (degraded_after " + Durations.format(policy.degradedAfter()) + ")");
            } else {
                set(HealthState.HEALTHY, null);
            }
            return state != before;
        } finally {
            lock.unlock();
        }
    }

    /** A probe on session {@code on} failed; returns whether the health state changed. */
    boolean onFailure(long on, ErrorInfo error) {
        lock.lock();
        try {
            if (!applies(on)) {
                return false;
            }
            HealthState before = state;
            failures++;
            lastError = error;
            String what = error.code() + ": " + error.message();
            if (failures >= policy.unhealthyAfter()) {
                set(HealthState.UNHEALTHY, failures + " probes in a row failed (unhealthy_after "
                        + policy.unhealthyAfter() + "); last: " + what);
            } else {
                set(HealthState.DEGRADED, "probe failed (" + failures + " of " + policy.unhealthyAfter()
                        + " before unhealthy): " + what);
            }
            return state != before;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The connected server wrote something that is not MCP: it is no longer HEALTHY (at best DEGRADED) until a probe
     * succeeds again.
     */
    boolean onProtocolError(ErrorInfo error) {
        lock.lock();
        try {
            if (connection != ServerState.READY || state == HealthState.UNHEALTHY) {
                return false;
            }
            HealthState before = state;
            lastError = error;
            set(HealthState.DEGRADED, "wrote output that is not JSON-RPC: " + error.message());
            return state != before;
        } finally {
            lock.unlock();
        }
    }

    /** The health as of {@code now}, given the connection's current snapshot and restart count. */
    HealthSnapshot snapshot(ServerStatus status, int restarts, Instant now) {
        lock.lock();
        try {
            Duration uptime = status.ready() && status.connectedAt() != null
                    ? Duration.between(status.connectedAt(), now) : null;
            return new HealthSnapshot(state, reason, last, average(), failures, lastError, lastSuccess,
                    uptime, restarts);
        } finally {
            lock.unlock();
        }
    }

    private boolean applies(long on) {
        return on >= 0 && on == session && connection == ServerState.READY;
    }

    private Duration average() {
        if (recent.isEmpty()) {
            return null;
        }
        long nanos = 0;
        for (Duration d : recent) {
            nanos += d.toNanos();
        }
        return Duration.ofNanos(nanos / recent.size());
    }

    private void set(HealthState s, String why) {
        state = s;
        reason = why;
    }
}
