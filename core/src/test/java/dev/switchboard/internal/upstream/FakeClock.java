package dev.switchboard.internal.upstream;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Time that moves only when a test moves it: the wall clock ({@link Clock}, for breakers and events) and the
 * monotonic one ({@link Ticker}, for deadlines and durations) move together. Threads that wait for time to pass
 * ({@link #awaitMove}) are woken by every move.
 */
public final class FakeClock extends Clock implements Ticker {
    private static final Instant ORIGIN = Instant.parse("2026-01-01T00:00:00Z");
    /** Any value: only differences of a ticker's values mean anything, and callers must not assume zero. */
    private static final long START_NANOS = 7_000_000_000L;

    private final AtomicLong nanos = new AtomicLong(START_NANOS);
    private final Set<Thread> waiting = ConcurrentHashMap.newKeySet();

    /** Moves both clocks forward and wakes every thread waiting for time to pass. */
    public void advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("time only moves forward: " + d);
        }
        nanos.addAndGet(d.toNanos());
        waiting.forEach(LockSupport::unpark);
    }

    /** How much time has passed since the clock was made. */
    public Duration elapsed() {
        return Duration.ofNanos(nanos.get() - START_NANOS);
    }

    /**
     * Parks the current thread until the clock has moved from {@code seen} (a {@link #nanoTime()} read before the
     * caller looked at what it waits for), someone unparks it, or it is interrupted; possibly sooner (spuriously):
     * callers look again, in a loop.
     */
    public void awaitMove(Object blocker, long seen) {
        Thread me = Thread.currentThread();
        waiting.add(me);
        try {
            if (nanos.get() == seen) {
                LockSupport.park(blocker);
            }
        } finally {
            waiting.remove(me);
        }
    }

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    @Override
    public Instant instant() {
        return ORIGIN.plusNanos(nanos.get() - START_NANOS);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
