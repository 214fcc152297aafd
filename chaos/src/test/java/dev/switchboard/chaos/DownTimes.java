package dev.switchboard.chaos;

import dev.switchboard.ServerState;
import dev.switchboard.SwitchboardEvent;
import dev.switchboard.SwitchboardListener;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * When each server was seen to stop being READY, on the ledger's clock ({@link System#nanoTime()}): a call made
 * after a crash but before Switchboard could know of it went to the crashed server too, so it counts as in flight.
 */
final class DownTimes implements SwitchboardListener {
    private record Down(String server, long nanos) {
    }

    // Events carry wall-clock instants; this turns them into nanoTime (both clocks tick alike over a run).
    private final long offset = System.nanoTime() - toNanos(Instant.now());
    private final ConcurrentLinkedQueue<Down> downs = new ConcurrentLinkedQueue<>();

    @Override
    public void serverStateChanged(SwitchboardEvent.ServerStateChanged event) {
        if (event.previous() == ServerState.READY && event.status().state() != ServerState.READY) {
            downs.add(new Down(event.status().name(), toNanos(event.at()) + offset));
        }
    }

    /** When {@code server} was first seen down in {@code [from, to]}, or {@code to} if it was not. */
    long firstDown(String server, long from, long to) {
        return List.copyOf(downs).stream().filter(d -> d.server().equals(server) && d.nanos() - from >= 0
                && d.nanos() - to <= 0).mapToLong(Down::nanos).min().orElse(to);
    }

    private static long toNanos(Instant at) {
        return at.getEpochSecond() * 1_000_000_000L + at.getNano();
    }
}
