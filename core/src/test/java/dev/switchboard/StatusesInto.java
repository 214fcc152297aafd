package dev.switchboard;

import java.util.List;

/** A listener that adds the status of every state and health change to a list, for tests to look through. */
public final class StatusesInto implements SwitchboardListener {
    private final List<ServerStatus> seen;

    private StatusesInto(List<ServerStatus> seen) {
        this.seen = seen;
    }

    /** A listener adding to {@code seen}, which must be safe for concurrent use (it is read by the test). */
    public static SwitchboardListener list(List<ServerStatus> seen) {
        return new StatusesInto(seen);
    }

    @Override
    public void serverStateChanged(SwitchboardEvent.ServerStateChanged event) {
        seen.add(event.status());
    }

    @Override
    public void healthChanged(SwitchboardEvent.HealthChanged event) {
        seen.add(event.status());
    }
}
