package dev.switchboard.internal.upstream;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One thread per server that wakes callers whose deadline has passed, so that a caller waiting for an answer parks
 * without a timer of its own.
 *
 * <p>Why: a timed park of a virtual thread registers and cancels a timer in the JDK's delay scheduler and wakes its
 * thread, on every call. Measured at 8 concurrent callers, that was ~10 us of CPU per call, more than all the rest of
 * Switchboard's call path together (docs/benchmarks.md). Deadlines are long and seldom reached, so one sweeper that
 * sleeps until the earliest of them costs each call a set insert and removal instead.
 *
 * <p>The sweeper only wakes a caller; the caller decides, from its own deadline (which progress may have moved),
 * whether to give up. Wakes are at least {@link #MIN_GAP_NANOS} apart, so many deadlines a moment apart cost one scan,
 * not one each.
 */
final class DeadlineWatch {
    private static final long MIN_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    // Keeps `now + sleep` far from overflow; a longer deadline is simply looked at again.
    private static final long MAX_SLEEP_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    /** A caller parked until its deadline; each is its own entry, whatever it shares with another. */
    static final class Waiter {
        private final Thread thread;
        private final Deadline deadline;

        private Waiter(Thread thread, Deadline deadline) {
            this.thread = thread;
            this.deadline = deadline;
        }
    }

    private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();
    private final Ticker ticker;
    private final Thread sweeper;
    private volatile boolean stopped;
    // What the sweeper promised: while `scanning`, it may miss a new waiter, so every new waiter wakes it; otherwise
    // it sleeps until `wakeAt`, or until woken when `idle`.
    private volatile boolean scanning = true;
    private volatile boolean idle;
    private volatile long wakeAt;

    DeadlineWatch(String server) {
        this(server, Ticker.SYSTEM);
    }

    /** A watch over deadlines of {@code ticker}'s time (every deadline it is given must read the same one). */
    DeadlineWatch(String server, Ticker ticker) {
        this.ticker = ticker;
        sweeper = Thread.ofVirtual().name("switchboard-deadlines-" + server).start(this::sweep);
    }

    /**
     * Starts watching the current thread's deadline; null once the watch is stopped (the caller must then wait with
     * a timeout of its own). The caller parks untimed and removes the waiter with {@link #forget} when done.
     */
    Waiter watch(Deadline deadline) {
        if (stopped) {
            return null;
        }
        Waiter w = new Waiter(Thread.currentThread(), deadline);
        waiters.add(w);
        if (stopped) { // stop() may have woken everyone before this one was there to see
            waiters.remove(w);
            return null;
        }
        if (scanning || idle || deadline.atNanos() - wakeAt < 0) {
            LockSupport.unpark(sweeper);
        }
        return w;
    }

    void forget(Waiter w) {
        waiters.remove(w);
    }

    /** Whether the sweeper still runs; a caller parked untimed must look after its own deadline once it does not. */
    boolean isRunning() {
        return !stopped;
    }

    /** How many callers it watches now. */
    int watching() {
        return waiters.size();
    }

    /** Whether the sweeper is asleep until the earliest deadline it knows of (not scanning, not idle). */
    boolean sleepsUntilADeadline() {
        return !scanning && !idle;
    }

    /** Stops the sweeper and wakes every waiter, which then waits on its own; returns once the sweeper has ended. */
    void stop() {
        stopped = true;
        LockSupport.unpark(sweeper);
        Waits.join(sweeper, STOP_WAIT); // it only has to finish a scan
        waiters.forEach(w -> LockSupport.unpark(w.thread));
    }

    private void sweep() {
        while (!stopped) {
            scanning = true;
            long now = ticker.nanoTime();
            long earliest = MAX_SLEEP_NANOS;
            for (Waiter w : waiters) {
                long left = w.deadline.atNanos() - now;
                if (left <= 0) {
                    LockSupport.unpark(w.thread); // it looks at its deadline and forgets itself
                } else {
                    earliest = Math.min(earliest, left);
                }
            }
            long sleep = Math.max(earliest, MIN_GAP_NANOS);
            wakeAt = now + sleep;
            idle = waiters.isEmpty();
            scanning = false;
            if (stopped) {
                return;
            }
            if (idle) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, sleep);
            }
        }
    }
}
