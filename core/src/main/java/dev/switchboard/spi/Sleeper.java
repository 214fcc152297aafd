package dev.switchboard.spi;

import java.time.Duration;

/** Waits between connection attempts; injected so that tests never sleep for real. */
@FunctionalInterface
public interface Sleeper {
    /** The real one: parks the calling (virtual) thread. */
    Sleeper SYSTEM = d -> Thread.sleep(d.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
