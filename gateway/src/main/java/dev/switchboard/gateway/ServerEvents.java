package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.ReloadResult;
import dev.switchboard.ServerStatus;
import dev.switchboard.SwitchboardEvent;
import dev.switchboard.SwitchboardListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The library's events as the REST event stream ({@code GET /api/v1/events}) sends them: one {@link Event} per state
 * change, restart, health verdict, probe result, breaker change, catalog change, finished call and reload, each with
 * its time, server, kind and details. Every open stream has an {@link EventBuffer} of its own; the listener thread
 * only adds to those buffers, so a slow client never holds up the library or another client.
 */
final class ServerEvents implements SwitchboardListener {
    /** The request attribute that carries the gateway's event feed to the REST route. */
    static final String ATTRIBUTE = ServerEvents.class.getName();
    /** Events one stream may have waiting before the oldest are dropped. */
    static final int BUFFER = 256;
    private static final String STOPPING = "the gateway is stopping";

    /**
     * One event. {@code tool} is set for a call (the caller must see the tool too); {@code details} is shared by
     * every stream and never changed after it is made.
     */
    record Event(long id, Instant at, String server, String tool, String kind, ObjectNode details) {
        /** The event as JSON, with the names of a reload cut to those {@code caller} may see. */
        ObjectNode json(Caller caller) {
            ObjectNode out = JsonRpc.object();
            out.put("id", id);
            out.put("time", at.toString());
            out.put("server", server);
            out.put("kind", kind);
            ObjectNode d = details;
            if ("reload".equals(kind)) {
                d = details.deepCopy();
                for (String field : List.of("added", "removed", "changed", "unchanged")) {
                    ArrayNode visible = d.putArray(field);
                    details.path(field).forEach(n -> {
                        if (caller.maySee(n.asText(), null)) {
                            visible.add(n);
                        }
                    });
                }
            }
            out.set("details", d);
            return out;
        }
    }

    /** One open stream: who reads it, which server it follows (null: all), what waits for it. */
    record Subscription(Caller caller, String server, EventBuffer buffer) {
        boolean wants(Event e) {
            if (server != null && !server.equals(e.server())) {
                return false;
            }
            return e.server() == null || caller.maySee(e.server(), e.tool());
        }
    }

    private final Clock clock;
    private final int capacity;
    private final AtomicLong ids = new AtomicLong();
    private final Set<Subscription> open = ConcurrentHashMap.newKeySet();
    /** Each server's restarts as last seen, to tell a restart from another state change. */
    private final Map<String, Integer> restarts = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition emptied = lock.newCondition();
    private volatile boolean closed;

    ServerEvents(Clock clock, int capacity) {
        this.clock = clock;
        this.capacity = capacity;
    }

    /** The time on the gateway's clock, for the stream's own events. */
    Instant now() {
        return clock.instant();
    }

    /** Event streams one caller may hold at once (a dashboard needs one per tab). */
    static final int MAX_PER_CALLER = 16;
    /** Event streams the gateway holds at once: each is a thread and a buffer, and every event visits each. */
    static final int MAX_STREAMS = 256;

    /**
     * Opens a stream for {@code caller}, of one server's events or (null) every visible server's.
     *
     * @throws RestProblem 429 when the caller or the gateway holds as many streams as it may
     */
    Subscription subscribe(Caller caller, String server) {
        Subscription s = new Subscription(caller, server, new EventBuffer(capacity));
        lock.lock();
        try {
            if (open.size() >= MAX_STREAMS) {
                throw RestProblem.request(RestProblems.TOO_MANY_STREAMS, "the gateway has " + MAX_STREAMS
                        + " event streams open, as many as it serves: close one (another tab?) or try later");
            }
            if (open.stream().filter(o -> o.caller().equals(caller)).count() >= MAX_PER_CALLER) {
                throw RestProblem.request(RestProblems.TOO_MANY_STREAMS, "this caller has " + MAX_PER_CALLER
                        + " event streams open, as many as one may: close one (another tab?) first");
            }
            open.add(s);
        } finally {
            lock.unlock();
        }
        if (closed) {
            s.buffer().close(STOPPING); // stopped in between: the stream ends at once
        }
        return s;
    }

    void unsubscribe(Subscription s) {
        open.remove(s);
        lock.lock();
        try {
            emptied.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits at most {@code max} for every stream to have ended; whether they have. */
    boolean awaitNone(Duration max) throws InterruptedException {
        long nanos = max.toNanos();
        lock.lock();
        try {
            while (!open.isEmpty()) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = emptied.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** How many streams are open. */
    int openCount() {
        return open.size();
    }

    /** Ends the streams of the callers that {@code keep} rejects (their token was revoked by a reload). */
    void closeUnless(Predicate<Caller> keep) {
        open.stream().filter(s -> !keep.test(s.caller())).forEach(s -> s.buffer().close("the stream's access"
                + " token was removed or changed by a reload of the configuration"));
    }

    /** Ends every stream and opens no more: the gateway stops. */
    void close() {
        closed = true;
        open.forEach(s -> s.buffer().close(STOPPING));
    }

    /** Hands an event to every stream that wants it; never waits. */
    void publish(String server, String tool, String kind, Instant at, ObjectNode details) {
        Event e = new Event(ids.incrementAndGet(), at != null ? at : clock.instant(), server, tool, kind, details);
        for (Subscription s : open) {
            if (s.wants(e)) {
                s.buffer().offer(e);
            }
        }
    }

    @Override
    public void serverStateChanged(SwitchboardEvent.ServerStateChanged event) {
        ServerStatus s = event.status();
        ObjectNode d = JsonRpc.object();
        d.put("state", s.state().name());
        d.put("previous", event.previous() == null ? null : event.previous().name());
        d.put("restarts", s.health().restarts());
        d.put("attempts", s.attempts());
        d.put("protocolVersion", s.protocolVersion());
        RestJson.error(d, "lastError", s.lastError());
        publish(s.name(), null, "state", event.at(), d);
        Integer before = restarts.put(s.name(), s.health().restarts());
        if (before != null && s.health().restarts() > before) {
            ObjectNode r = JsonRpc.object();
            r.put("restarts", s.health().restarts());
            publish(s.name(), null, "restart", event.at(), r);
        }
    }

    @Override
    public void healthChanged(SwitchboardEvent.HealthChanged event) {
        ServerStatus.Health h = event.status().health();
        ObjectNode d = JsonRpc.object();
        d.put("state", h.state().name());
        d.put("previous", event.previous().name());
        d.put("reason", h.reason());
        RestJson.millis(d, "latencyMs", h.lastResponse());
        d.put("consecutiveFailures", h.consecutiveFailures());
        RestJson.error(d, "lastError", h.lastError());
        publish(event.server(), null, "health", event.at(), d);
    }

    @Override
    public void breakerChanged(SwitchboardEvent.BreakerChanged event) {
        ObjectNode d = JsonRpc.object();
        d.put("from", event.from().name());
        d.put("to", event.to().name());
        publish(event.server(), null, "breaker", event.at(), d);
    }

    @Override
    public void catalogChanged(SwitchboardEvent.CatalogChanged event) {
        ObjectNode d = JsonRpc.object();
        d.put("version", event.version());
        ArrayNode parts = d.putArray("parts");
        event.parts().stream().map(Enum::name).sorted().forEach(parts::add);
        publish(event.server(), null, "catalog", event.at(), d);
    }

    @Override
    public void callFinished(SwitchboardEvent.CallFinished event) {
        ObjectNode d = JsonRpc.object();
        d.put("tool", event.tool());
        RestJson.millis(d, "durationMs", event.duration());
        d.put("error", event.error() == null ? null : event.error().name());
        d.put("attempts", event.attempts());
        publish(event.server(), event.tool(), "call", event.at(), d);
    }

    @Override
    public void configReloaded(SwitchboardEvent.ConfigReloaded event) {
        ReloadResult r = event.result();
        ObjectNode d = JsonRpc.object();
        r.added().forEach(d.putArray("added")::add);
        r.removed().forEach(d.putArray("removed")::add);
        r.changed().forEach(d.putArray("changed")::add);
        r.unchanged().forEach(d.putArray("unchanged")::add);
        r.removed().forEach(restarts::remove);
        publish(null, null, "reload", event.at(), d);
    }
}
