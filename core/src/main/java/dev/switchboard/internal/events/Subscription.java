package dev.switchboard.internal.events;

import dev.switchboard.ReloadResult;
import dev.switchboard.SwitchboardEvent;
import dev.switchboard.SwitchboardListener;
import dev.switchboard.internal.observe.LogEvents;
import dev.switchboard.internal.observe.LogGate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listener's bounded queue and the virtual thread that empties it, in order. When the queue is full the event
 * is dropped and counted; the first drop is logged, and the count when the subscription ends.
 */
final class Subscription {
    private static final Logger log = LoggerFactory.getLogger(Subscription.class);
    private static final AtomicInteger NUMBERS = new AtomicInteger();
    /** Tells the delivery thread that nothing more will come; compared by identity. */
    private static final SwitchboardEvent END = new SwitchboardEvent.ConfigReloaded(
            new ReloadResult(List.of(), List.of(), List.of(), List.of()), Instant.EPOCH);

    private final SwitchboardListener listener;
    private final BlockingQueue<SwitchboardEvent> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final LogGate gate;
    private final Thread thread;
    private volatile boolean closing;

    Subscription(SwitchboardListener listener, int capacity, LogGate gate) {
        this.listener = listener;
        this.gate = gate;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = Thread.ofVirtual().name("switchboard-listener-" + NUMBERS.incrementAndGet())
                .start(this::deliver);
    }

    SwitchboardListener listener() {
        return listener;
    }

    void offer(SwitchboardEvent event) {
        if (closing || queue.offer(event)) {
            return;
        }
        if (dropped.getAndIncrement() == 0) {
            gate.warn(log, LogEvents.LISTENER_DROPPED).addKeyValue("listener", listener.getClass().getName())
                    .addKeyValue("queue", queue.remainingCapacity() + queue.size()).log();
        }
    }

    private void deliver() {
        while (true) {
            SwitchboardEvent e;
            try {
                e = queue.take();
            } catch (InterruptedException ie) {
                return;
            }
            if (e == END) {
                return;
            }
            dispatch(e);
        }
    }

    private void dispatch(SwitchboardEvent event) {
        try {
            switch (event) {
                case SwitchboardEvent.ServerStateChanged e -> listener.serverStateChanged(e);
                case SwitchboardEvent.HealthChanged e -> listener.healthChanged(e);
                case SwitchboardEvent.CatalogChanged e -> listener.catalogChanged(e);
                case SwitchboardEvent.BreakerChanged e -> listener.breakerChanged(e);
                case SwitchboardEvent.CallFinished e -> listener.callFinished(e);
                case SwitchboardEvent.ConfigReloaded e -> listener.configReloaded(e);
                case SwitchboardEvent.ResourceUpdated e -> listener.resourceUpdated(e);
                case SwitchboardEvent.ServerLogged e -> listener.serverLogged(e);
            }
        } catch (RuntimeException | Error x) {
            if (x instanceof VirtualMachineError vme) {
                throw vme;
            }
            gate.warn(log, LogEvents.LISTENER_FAILED).addKeyValue("listener", listener.getClass().getName())
                    .addKeyValue("event", event.getClass().getSimpleName()).setCause(x).log();
        }
    }

    /** Lets the thread deliver what is queued, at most about {@code wait}, then stops it. */
    void close(Duration wait) {
        closing = true;
        try {
            if (!queue.offer(END, wait.toNanos(), TimeUnit.NANOSECONDS) || !thread.join(wait)) {
                thread.interrupt(); // a listener stuck for that long loses what is still queued
                thread.join(wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long lost = dropped.get();
        if (lost > 0) {
            gate.warn(log, LogEvents.LISTENER_DROPPED).addKeyValue("listener", listener.getClass().getName())
                    .addKeyValue("dropped", lost).log();
        }
    }
}
