package dev.switchboard.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.switchboard.ErrorInfo;
import dev.switchboard.HealthState;
import dev.switchboard.ServerState;
import dev.switchboard.ServerStatus;
import dev.switchboard.SwitchboardEvent;
import dev.switchboard.SwitchboardListener;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Turns Switchboard's events into one line per change of a server's connection state or health state, for people or
 * as JSON lines, in the order the events arrive.
 */
final class WatchLines implements SwitchboardListener {

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

    private final boolean json;
    private final Consumer<String> out;
    private final ReentrantLock lock = new ReentrantLock();

    WatchLines(boolean json, Consumer<String> out) {
        this.json = json;
        this.out = out;
    }

    @Override
    public void serverStateChanged(SwitchboardEvent.ServerStateChanged event) {
        ServerStatus s = event.status();
        ErrorInfo e = s.state() == ServerState.READY ? null : s.lastError();
        print(new Change(time(event), s.name(), "state", event.previous() == null ? null : event.previous().name(),
                s.state().name(), e == null ? null : e.code().name(), e == null ? null : e.message()));
    }

    @Override
    public void healthChanged(SwitchboardEvent.HealthChanged event) {
        ServerStatus.Health h = event.status().health();
        ErrorInfo e = h.state() == HealthState.HEALTHY ? null : h.lastError();
        print(new Change(time(event), event.server(), "health", event.previous().name(), h.state().name(),
                e == null ? null : e.code().name(), h.reason()));
    }

    private static String time(SwitchboardEvent event) {
        return event.at().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private void print(Change c) {
        lock.lock();
        try {
            write(c);
        } finally {
            lock.unlock();
        }
    }

    private void write(Change c) {
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
