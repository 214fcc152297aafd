package dev.switchboard.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.switchboard.ErrorInfo;
import dev.switchboard.HealthState;
import dev.switchboard.ServerState;
import dev.switchboard.ServerStatus;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Turns the stream of server statuses into one line per change of a server's connection state or health state, for
 * people or as JSON lines. Statuses arrive from many threads; lines come out one at a time, in the order seen.
 */
final class WatchLines implements Consumer<ServerStatus> {

    /**
     * One change as {@code watch --json} prints it.
     *
     * @param time when it was seen (ISO-8601, UTC, milliseconds)
     * @param server the server's name
     * @param kind {@code state} (connection) or {@code health}
     * @param from the value before, or null for the first one seen
     * @param to the value now
     * @param code the ErrorCode behind the change, or null
     * @param reason what happened, in words, or null
     */
    @JsonPropertyOrder({"time", "server", "kind", "from", "to", "code", "reason"})
    record Change(String time, String server, String kind, String from, String to, String code, String reason) {
    }

    private record Seen(ServerState state, HealthState health) {
    }

    private final boolean json;
    private final Consumer<String> out;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Seen> seen = new HashMap<>();

    WatchLines(boolean json, Consumer<String> out, Clock clock) {
        this.json = json;
        this.out = out;
        this.clock = clock;
    }

    @Override
    public void accept(ServerStatus s) {
        lock.lock();
        try {
            Seen before = seen.get(s.name());
            ServerStatus.Health h = s.health();
            seen.put(s.name(), new Seen(s.state(), h.state()));
            String time = clock.instant().truncatedTo(ChronoUnit.MILLIS).toString();
            if (before == null || before.state() != s.state()) {
                ErrorInfo e = s.state() == ServerState.READY ? null : s.lastError();
                print(new Change(time, s.name(), "state", before == null ? null : before.state().name(),
                        s.state().name(), e == null ? null : e.code().name(), e == null ? null : e.message()));
            }
            HealthState was = before == null ? HealthState.UNKNOWN : before.health();
            if (was != h.state()) {
                ErrorInfo e = h.state() == HealthState.HEALTHY ? null : h.lastError();
                print(new Change(time, s.name(), "health", was.name(), h.state().name(),
                        e == null ? null : e.code().name(), h.reason()));
            }
        } finally {
            lock.unlock();
        }
    }

    private void print(Change c) {
        if (json) {
            try {
                out.accept(Json.MAPPER.writeValueAsString(c));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write a change as JSON", e);
            }
            return;
        }
        String why = c.reason() == null ? "" : "  " + (c.code() == null || c.reason().contains(c.code()) ? ""
                : c.code() + ": ") + c.reason();
        out.accept(c.time() + "  " + c.server() + "  " + c.kind() + " " + (c.from() == null ? "-" : c.from())
                + " -> " + c.to() + why);
    }
}
