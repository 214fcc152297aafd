package dev.switchboard.it;

import dev.switchboard.spi.Sleeper;
import java.time.Duration;
import java.util.concurrent.Semaphore;

/**
 * Holds every wait between connection attempts until the test opens the gate once per wait, so a test can look at a
 * server while it is down for as long as it needs, then let it reconnect.
 */
final class GatedSleeper implements Sleeper {
    private final Semaphore gate = new Semaphore(0);

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        gate.acquire();
    }

    /** Ends one wait (now, or the next one to begin). */
    void open() {
        gate.release();
    }
}
