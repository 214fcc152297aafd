package dev.switchboard.internal.events;

import dev.switchboard.SwitchboardEvent;
import dev.switchboard.SwitchboardListener;
import dev.switchboard.internal.observe.LogGate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Hands every event of one Switchboard to its listeners, each through a {@link Subscription} of its own, so that a
 * slow or failing listener affects nobody else. Publishing never blocks and costs nothing while no one listens.
 */
public final class EventHub implements AutoCloseable {
    /** Events a listener may fall behind by before its newest ones are dropped. */
    static final int QUEUE_CAPACITY = 4096;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final int capacity;
    private final LogGate gate;
    private volatile boolean closed;

    /** @param gate the instance's log gate, for what its listeners' subscriptions log */
    public EventHub(LogGate gate) {
        this(QUEUE_CAPACITY, gate);
    }

    EventHub(int capacity, LogGate gate) {
        this.capacity = capacity;
        this.gate = gate;
    }

    /** Starts delivering events to {@code listener}; adding the same listener twice has no effect. */
    public void add(SwitchboardListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (closed || subscriptions.stream().anyMatch(s -> s.listener() == listener)) {
            return;
        }
        subscriptions.add(new Subscription(listener, capacity, gate));
    }

    /** Stops delivering to {@code listener}; events already queued for it are still delivered. */
    public void remove(SwitchboardListener listener) {
        for (Subscription s : subscriptions) {
            if (s.listener() == listener && subscriptions.remove(s)) {
                s.close(CLOSE_WAIT);
            }
        }
    }

    /** Whether anyone listens: lets busy paths skip building an event nobody would receive. */
    public boolean active() {
        return !subscriptions.isEmpty();
    }

    /** Queues the event for every listener; never blocks. */
    public void publish(SwitchboardEvent event) {
        for (Subscription s : subscriptions) {
            s.offer(event);
        }
    }

    /** Delivers what is queued (waiting a bounded time), then ends every listener's thread. */
    @Override
    public void close() {
        closed = true;
        for (Subscription s : subscriptions) {
            subscriptions.remove(s);
            s.close(CLOSE_WAIT);
        }
    }
}
