package dev.switchboard.it;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still unless told: {@link #advance} moves it once, and a non-zero {@link #step} moves it on
 * every reading, so that anything timed between two readings (a health probe) appears to take exactly that long.
 */
final class SteppingClock extends Clock {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private volatile Duration step = Duration.ZERO;

    void step(Duration newStep) {
        step = newStep;
    }

    void advance(Duration by) {
        now.updateAndGet(t -> t.plus(by));
    }

    @Override
    public Instant instant() {
        Duration s = step;
        return now.getAndUpdate(t -> t.plus(s));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a test clock has one zone");
    }
}
