package dev.switchboard.gateway;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The events waiting for one client of {@code /api/v1/events}. The library's listener thread only adds here and never
 * waits: a client that reads slower than events come loses the oldest ones beyond {@code capacity}, and the next
 * {@link #take} says how many it lost, so the client knows to reload what it shows instead of trusting a gap.
 */
final class EventBuffer {
    /**
     * What {@link #take} found: the next event (null when the wait ended without one), or how many were lost before
     * the next, or why the stream ends (null while it goes on).
     */
    record Taken(ServerEvents.Event event, long dropped, String closed) {
    }

    private final int capacity;
    private final ArrayDeque<ServerEvents.Event> events = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private long dropped;
    private String closed;

    EventBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: > 0)");
        }
        this.capacity = capacity;
    }

    /** Adds an event without waiting; beyond the capacity the oldest waiting one is dropped. */
    void offer(ServerEvents.Event event) {
        lock.lock();
        try {
            if (closed != null) {
                return;
            }
            if (events.size() == capacity) {
                events.removeFirst();
                dropped++;
            }
            events.addLast(event);
            arrived.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Ends the stream for this reason: {@link #take} answers it once the waiting events are taken. */
    void close(String reason) {
        lock.lock();
        try {
            if (closed == null) {
                closed = reason;
            }
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The oldest waiting event, waiting at most {@code max} for one; a report of dropped events comes first, on its
     * own (event null), so that the writer can say so before the events that follow the gap.
     */
    Taken take(Duration max) throws InterruptedException {
        long nanos = max.toNanos();
        lock.lock();
        try {
            while (events.isEmpty() && dropped == 0 && closed == null && nanos > 0) {
                nanos = arrived.awaitNanos(nanos);
            }
            if (dropped > 0) {
                long lost = dropped;
                dropped = 0;
                return new Taken(null, lost, null);
            }
            ServerEvents.Event next = events.pollFirst();
            return new Taken(next, 0, next == null ? closed : null);
        } finally {
            lock.unlock();
        }
    }

    /** How many events wait now. */
    int size() {
        lock.lock();
        try {
            return events.size();
        } finally {
            lock.unlock();
        }
    }
}
