package dev.switchboard.it;

import dev.switchboard.spi.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records each wait between connection attempts without waiting, for the first {@code limit} waits; after that it
 * parks until interrupted, so a server that keeps failing does not spin in the background of a test.
 */
final class RecordingSleeper implements Sleeper {
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final int limit;

    RecordingSleeper(int limit) {
        this.limit = limit;
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        waits.add(duration);
        if (waits.size() > limit) {
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    List<Duration> waits() {
        return List.copyOf(waits);
    }
}
