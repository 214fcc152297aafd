package dev.switchboard.internal.upstream;

import dev.switchboard.config.Durations;
import dev.switchboard.config.RestartPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts the restarts of one server (every connection attempt after its first session was lost) and enforces the
 * optional cap of its {@link RestartPolicy}. A session that stays up for {@code stable_after} wipes the count.
 */
final class RestartTracker {
    private final RestartPolicy policy;
    private final Deque<Instant> recent = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private int count;

    RestartTracker(RestartPolicy policy) {
        this.policy = policy;
    }

    /** A session that was ready at {@code readyAt} ended at {@code now}; a stable one resets the count. */
    void sessionEnded(Instant readyAt, Instant now) {
        lock.lock();
        try {
            if (stable(readyAt, now)) {
                count = 0;
                recent.clear();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Records a restart at {@code now}; returns why it is refused when the cap is reached, else null. */
    String admit(Instant now) {
        lock.lock();
        try {
            Instant horizon = now.minus(policy.window());
            while (!recent.isEmpty() && recent.peekFirst().isBefore(horizon)) {
                recent.removeFirst();
            }
            if (policy.capped() && recent.size() >= policy.maxRestarts()) {
                return "was restarted " + recent.size() + " times within " + Durations.format(policy.window())
                        + " (restart.max_restarts: " + policy.maxRestarts() + ")";
            }
            recent.addLast(now);
            count++;
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** Restarts since the server was last stable; {@code readyAt} is when the current session began, or null. */
    int count(Instant readyAt, Instant now) {
        lock.lock();
        try {
            return stable(readyAt, now) ? 0 : count;
        } finally {
            lock.unlock();
        }
    }

    private boolean stable(Instant readyAt, Instant now) {
        return readyAt != null && Duration.between(readyAt, now).compareTo(policy.stableAfter()) >= 0;
    }
}
