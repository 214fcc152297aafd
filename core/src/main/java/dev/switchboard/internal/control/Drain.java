package dev.switchboard.internal.control;

import dev.switchboard.internal.observe.LogEvents;
import dev.switchboard.internal.observe.LogGate;
import dev.switchboard.internal.upstream.Upstream;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Waits for the requests in flight on some connections to finish, up to a drain timeout. */
final class Drain {
    private static final Logger log = LoggerFactory.getLogger(Drain.class);
    /** How often the in-flight counts are looked at; a drain is rare and short, so a light poll is enough. */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private Drain() {
    }

    /** Returns when nothing is in flight on {@code upstreams} any more, or when {@code timeout} has passed. */
    static void await(Collection<Upstream> upstreams, Duration timeout, LogGate gate) {
        int pending = inFlight(upstreams);
        if (pending == 0) {
            return;
        }
        gate.info(log, LogEvents.SWITCHBOARD_DRAINING).addKeyValue("in_flight", pending)
                .addKeyValue("timeout_ms", timeout.toMillis()).log();
        // The counts are polled on a virtual thread and waited for with CompletableFuture.get, which a caller on a
        // ForkJoinPool thread (the common pool) blocks in managed fashion: parking that thread in a polling loop
        // could starve the pool of the very thread that completes the calls being drained.
        CompletableFuture<Void> drained = new CompletableFuture<>();
        Thread poller = Thread.ofVirtual().name("switchboard-drain").start(() -> {
            while (!drained.isDone() && inFlight(upstreams) > 0) {
                LockSupport.parkNanos(POLL_NANOS);
            }
            drained.complete(null);
        });
        try {
            drained.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            gate.warn(log, LogEvents.SWITCHBOARD_DRAIN_TIMEOUT).addKeyValue("in_flight", inFlight(upstreams))
                    .addKeyValue("timeout_ms", timeout.toMillis()).log();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("draining never fails", e);
        } finally {
            drained.complete(null);
            LockSupport.unpark(poller);
            joinQuietly(poller);
        }
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int inFlight(Collection<Upstream> upstreams) {
        return upstreams.stream().mapToInt(Upstream::inFlight).sum();
    }
}
