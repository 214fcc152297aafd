package dev.switchboard.internal.resources;

import dev.switchboard.GatherStats;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Running totals of gathers, for {@link GatherStats}. */
final class Counters {
    private final LongAdder gathers = new LongAdder();
    private final LongAdder failedGathers = new LongAdder();
    private final LongAdder serverGathers = new LongAdder();
    private final LongAdder serverFailures = new LongAdder();
    private final LongAdder resources = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final AtomicLong lastNanos = new AtomicLong();

    void started() {
        gathers.increment();
    }

    void server(int resourceCount, long byteCount) {
        serverGathers.increment();
        resources.add(resourceCount);
        bytes.add(byteCount);
    }

    void serverFailed() {
        serverFailures.increment();
    }

    void finished(Duration took, boolean failed) {
        lastNanos.set(took.toNanos());
        if (failed) {
            failedGathers.increment();
        }
    }

    GatherStats snapshot() {
        return new GatherStats(gathers.sum(), failedGathers.sum(), serverGathers.sum(), serverFailures.sum(),
                resources.sum(), bytes.sum(), Duration.ofNanos(lastNanos.get()));
    }
}
