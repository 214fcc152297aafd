package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One SSE stream of a downstream session (the session's GET stream, or the stream answering one POST): numbered
 * events, the last few kept so that a client reconnecting with {@code Last-Event-ID} gets what it missed, written to
 * at most one connection at a time. Senders never wait for a slow client: past the buffer the oldest events are
 * dropped, and the client is told how many it lost.
 */
final class EventStream {
    /** How long a client whose stream broke waits before it resumes it (the priming event's {@code retry}). */
    static final int RECONNECT_AFTER_MS = 1000;

    /** Where a connection's bytes go: one HTTP response, written blocking. */
    interface Sink {
        void write(byte[] chunk) throws IOException;
    }

    /** Why {@link #serve} returned. */
    enum Stop {
        /** Every event was written and no more will come. */
        ENDED,
        /** The connection failed (the client went away). */
        BROKEN,
        /** Another connection took the stream over. */
        REPLACED
    }

    private record Event(long seq, byte[] bytes) {
    }

    private final int number;
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Event> kept = new ArrayDeque<>();
    private long lastSeq;
    private boolean ended;
    private int generation;
    private boolean attached;
    /** The newest event written to any connection: where a new connection without Last-Event-ID starts. */
    private volatile long delivered;

    EventStream(int number, int capacity) {
        this.number = number;
        this.capacity = capacity;
    }

    int number() {
        return number;
    }

    /** The SSE id of this stream's event {@code seq}: the stream's number first, so any id names its stream. */
    String eventId(long seq) {
        return number + "." + seq;
    }

    /** The stream and event an SSE id names, or null when it is not one of ours. */
    static long[] parseEventId(String id) {
        int dot = id == null ? -1 : id.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        try {
            return new long[] {Integer.parseInt(id.substring(0, dot)), Long.parseLong(id.substring(dot + 1))};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Adds a message; the connection serving the stream, if any, writes it. False once the stream has ended. */
    boolean send(JsonNode message) {
        lock.lock();
        try {
            if (ended) {
                return false;
            }
            long seq = ++lastSeq;
            kept.addLast(new Event(seq, frame(eventId(seq), JsonRpc.bytes(message))));
            while (kept.size() > capacity) {
                kept.removeFirst();
            }
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** No more events will come: a connection ends once it wrote what is left. */
    void end() {
        lock.lock();
        try {
            ended = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    boolean ended() {
        lock.lock();
        try {
            return ended;
        } finally {
            lock.unlock();
        }
    }

    long delivered() {
        return delivered;
    }

    boolean attached() {
        lock.lock();
        try {
            return attached;
        } finally {
            lock.unlock();
        }
    }

    /** Writes an event that only carries an id, so that a client can resume a stream before its first message. */
    void prime(Sink sink) throws IOException {
        byte[] retry = ("retry: " + RECONNECT_AFTER_MS + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] event = frame(eventId(0), new byte[0]);
        byte[] out = new byte[retry.length + event.length];
        System.arraycopy(retry, 0, out, 0, retry.length);
        System.arraycopy(event, 0, out, retry.length, event.length);
        sink.write(out);
    }

    /**
     * Serves the stream on one connection: the events after {@code afterSeq} (with a notice of any that fell out of
     * the buffer), then each new one, until the stream has ended and everything was written, the connection fails,
     * or another connection takes the stream over. Writes a comment after {@code keepAlive} of silence, which is how
     * a client that vanished without closing is noticed.
     */
    Stop serve(Sink sink, long afterSeq, Duration keepAlive) throws InterruptedException {
        int me;
        lock.lock();
        try {
            me = ++generation;
            attached = true;
            changed.signalAll(); // a connection serving the stream before this one stops
        } finally {
            lock.unlock();
        }
        long cursor = afterSeq;
        try {
            while (true) {
                List<Event> batch = new ArrayList<>();
                long lost = 0;
                lock.lock();
                try {
                    cursor = Math.min(cursor, lastSeq);
                    while (true) {
                        if (generation != me) {
                            return Stop.REPLACED;
                        }
                        Event first = kept.peekFirst();
                        long oldest = first == null ? lastSeq + 1 : first.seq();
                        if (oldest > cursor + 1) {
                            lost = oldest - cursor - 1;
                            cursor = oldest - 1;
                        }
                        for (Event e : kept) {
                            if (e.seq() > cursor) {
                                batch.add(e);
                            }
                        }
                        if (!batch.isEmpty() || lost > 0) {
                            break;
                        }
                        if (ended) {
                            return Stop.ENDED;
                        }
                        if (changed.awaitNanos(keepAlive.toNanos()) <= 0 && generation == me) {
                            break; // silence: write a keep-alive below
                        }
                    }
                } finally {
                    lock.unlock();
                }
                if (lost > 0) {
                    sink.write(frame(null, JsonRpc.bytes(Notices.lostEvents(lost, capacity))));
                }
                if (batch.isEmpty() && lost == 0) {
                    sink.write(KEEP_ALIVE);
                }
                for (Event e : batch) {
                    sink.write(e.bytes());
                    cursor = e.seq();
                    delivered = Math.max(delivered, cursor);
                }
            }
        } catch (IOException e) {
            return Stop.BROKEN;
        } finally {
            lock.lock();
            try {
                if (generation == me) {
                    attached = false;
                }
            } finally {
                lock.unlock();
            }
        }
    }

    private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);

    /** One SSE event: {@code id:} (when given) and {@code data:}; Jackson writes JSON on one line. */
    private static byte[] frame(String id, byte[] data) {
        byte[] head = ((id == null ? "" : "id: " + id + "\n") + "data: ").getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + data.length + 2];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(data, 0, out, head.length, data.length);
        out[out.length - 2] = '\n';
        out[out.length - 1] = '\n';
        return out;
    }
}
