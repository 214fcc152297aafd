package dev.switchboard.spi;

import dev.switchboard.internal.observe.LogEvents;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The probes of one server on a virtual thread of their own: one probe per interval, or sooner when woken. */
final class VirtualThreadProbes implements ProbeScheduler.Ticket {
    private static final Logger log = LoggerFactory.getLogger(VirtualThreadProbes.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final String server;
    private final Duration interval;
    private final Runnable probe;
    private final Semaphore wake = new Semaphore(0);
    private final Thread thread;
    private volatile boolean closed;

    VirtualThreadProbes(String server, Duration interval, Runnable probe) {
        this.server = server;
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
                LogEvents.warn(log, LogEvents.HEALTH_PROBE_CRASHED).addKeyValue("server", server).setCause(e).log();
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
            if (!thread.join(STOP_WAIT)) {
                LogEvents.warn(log, LogEvents.HEALTH_PROBE_STUCK).addKeyValue("server", server)
                        .addKeyValue("timeout_ms", STOP_WAIT.toMillis()).log();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
