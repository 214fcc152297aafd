package dev.switchboard.spi;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** The probes of one server on a virtual thread of their own: one probe per interval, or sooner when woken. */
final class VirtualThreadProbes implements ProbeScheduler.Ticket {
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final Duration interval;
    private final Runnable probe;
    private final Semaphore wake = new Semaphore(0);
    private final Thread thread;
    private volatile boolean closed;

    VirtualThreadProbes(String server, Duration interval, Runnable probe) {
        this.interval = interval;
        this.probe = probe;
        this.thread = Thread.ofVirtual().name("switchboard-health-" + server).start(this::loop);
    }

    private void loop() {
        while (!closed) {
            try {
                wake.tryAcquire(interval.toNanos(), TimeUnit.NANOSECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
            if (closed) {
                return;
            }
            try {
                probe.run();
            } catch (RuntimeException e) {
                // Probing goes on. Not logged here: this scheduler knows no instance, so not whose log settings
                // apply; the health monitor's probe logs its own crash (health.probe_crashed) and never throws.
            }
        }
    }

    @Override
    public void wake() {
        wake.release();
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            // A probe still running after the wait is reported by its health monitor (health.probe_stuck).
            thread.join(STOP_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
