package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.CancellationToken;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One downstream MCP session: what its client declared at {@code initialize}, its SSE streams (the GET stream for
 * what concerns the whole session, one stream per POST that answers with events), and its requests in flight, by the
 * client's own ids, so that a cancellation reaches exactly the call it names.
 */
final class Session {
    /** Request streams kept after they ended, for clients that resume them; older ones are forgotten. */
    private static final int ENDED_STREAMS_KEPT = 32;

    private final String id;
    private final Caller caller;
    private volatile String protocolVersion;
    private volatile JsonNode clientInfo;
    private volatile JsonNode clientCapabilities;
    private final int eventsKept;
    private final EventStream standalone;
    private final AtomicInteger streamNumbers = new AtomicInteger();
    private final ConcurrentSkipListMap<Integer, EventStream> requestStreams = new ConcurrentSkipListMap<>();
    private final Map<JsonNode, CancellationToken> inFlight = new ConcurrentHashMap<>();
    private final ClientRequests clientRequests = new ClientRequests(this);
    private final Runnable onCallEnded;
    private final AtomicInteger answering = new AtomicInteger();
    private final java.util.List<Runnable> onClose = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean initialized;
    private volatile boolean closed;
    private volatile Instant lastActive;

    Session(String id, Caller caller, String protocolVersion, JsonNode clientInfo, JsonNode clientCapabilities,
            int eventsKept, Instant now, Runnable onCallEnded) {
        this.onCallEnded = onCallEnded;
        this.id = id;
        this.caller = caller;
        this.protocolVersion = protocolVersion;
        this.clientInfo = clientInfo;
        this.clientCapabilities = clientCapabilities;
        this.eventsKept = eventsKept;
        this.standalone = new EventStream(0, eventsKept);
        this.lastActive = now;
    }

    String id() {
        return id;
    }

    /**
     * Who opened the session: it sees what that caller may see, and only requests of the same caller may use it
     * (another token gets 404, as if the session did not exist).
     */
    Caller caller() {
        return caller;
    }

    String protocolVersion() {
        return protocolVersion;
    }

    JsonNode clientInfo() {
        return clientInfo;
    }

    /** Whether the client declared a capability ({@code sampling}, {@code elicitation}, {@code roots}). */
    boolean clientCan(String capability) {
        return clientCapabilities != null && clientCapabilities.has(capability);
    }

    /** What the client declared of a capability; a missing node when it did not declare it. */
    JsonNode clientCapability(String capability) {
        return clientCapabilities == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
                : clientCapabilities.path(capability);
    }

    /** Runs {@code action} when the session ends (what it holds elsewhere is released then). */
    void onClose(Runnable action) {
        onClose.add(action);
        if (closed) {
            action.run();
        }
    }

    /** What the servers ask this client, and its answers. */
    ClientRequests clientRequests() {
        return clientRequests;
    }

    /**
     * Records what the client's {@code initialize} said, for a session opened before it: the legacy HTTP+SSE
     * transport opens the session with its stream, and the client initializes afterwards.
     */
    void handshake(String version, JsonNode info, JsonNode capabilities) {
        this.protocolVersion = version;
        this.clientInfo = info;
        this.clientCapabilities = capabilities;
    }

    /**
     * A message from the client that is not a request: a notification (initialized, cancelled) or its answer to a
     * server's request.
     */
    void fromClient(JsonRpc.Message message) {
        if (message.isResponse()) {
            clientRequests.answered(message);
            return;
        }
        switch (message.method()) {
            case "notifications/initialized" -> markInitialized();
            case "notifications/cancelled" -> {
                JsonNode requestId = message.paramsOrEmpty().get("requestId");
                if (requestId != null) {
                    String reason = message.paramsOrEmpty().path("reason").asText(null);
                    cancel(requestId, reason != null ? reason : "the client cancelled the request");
                }
            }
            default -> {
                // Other notifications (roots/list_changed, progress of a client's own work) need no action yet.
            }
        }
    }

    void markInitialized() {
        initialized = true;
    }

    boolean initialized() {
        return initialized;
    }

    boolean closed() {
        return closed;
    }

    void touch(Instant now) {
        lastActive = now;
    }

    Instant lastActive() {
        return lastActive;
    }

    /** The stream for what concerns the whole session (list changes, lost-event notices), served by GET. */
    EventStream standalone() {
        return standalone;
    }

    /** A new stream answering one POST. */
    EventStream newRequestStream() {
        EventStream s = new EventStream(streamNumbers.incrementAndGet(), eventsKept);
        requestStreams.put(s.number(), s);
        forgetOldStreams();
        return s;
    }

    /** The stream of this number, or null when it never existed or was forgotten. */
    EventStream stream(int number) {
        return number == 0 ? standalone : requestStreams.get(number);
    }

    /** Sends a message meant for the whole session (never one that answers a request). */
    void notifyClient(JsonNode message) {
        if (initialized && !closed) {
            standalone.send(message);
        }
    }

    /** Records a request in flight; false when the client reuses an id that is still in flight. */
    boolean begin(JsonNode requestId, CancellationToken token) {
        return inFlight.putIfAbsent(requestId, token) == null;
    }

    void finish(JsonNode requestId) {
        inFlight.remove(requestId);
        onCallEnded.run();
    }

    /** Cancels the request the client names; false when no such request is in flight. */
    boolean cancel(JsonNode requestId, String reason) {
        CancellationToken token = inFlight.get(requestId);
        if (token == null) {
            return false;
        }
        token.cancel(reason);
        return true;
    }

    /**
     * Requests being answered: calls in flight, and answers computed but not yet handed to their stream. A drain
     * that waited only for the calls could end the streams between a call's end and the sending of its result.
     */
    int inFlightCount() {
        return inFlight.size() + answering.get();
    }

    /** An answer to a request of this session is being worked out and sent; {@link #answered()} when it is out. */
    void answering() {
        answering.incrementAndGet();
    }

    void answered() {
        answering.decrementAndGet();
        onCallEnded.run();
    }

    /** How many of the session's streams a client is connected to now. */
    int openStreams() {
        int open = standalone.attached() ? 1 : 0;
        for (EventStream s : requestStreams.values()) {
            open += s.attached() ? 1 : 0;
        }
        return open;
    }

    /** Whether a client is connected to any of the session's streams. */
    boolean connected() {
        return standalone.attached() || requestStreams.values().stream().anyMatch(EventStream::attached);
    }

    /** Ends the session: its calls are cancelled on their servers, its streams end. */
    void close(String why) {
        closed = true;
        inFlight.values().forEach(t -> t.cancel(why));
        clientRequests.closeAll(why);
        onClose.forEach(Runnable::run);
        standalone.end();
        requestStreams.values().forEach(EventStream::end);
    }

    private void forgetOldStreams() {
        int ended = 0;
        for (Iterator<EventStream> it = requestStreams.descendingMap().values().iterator(); it.hasNext(); ) {
            EventStream s = it.next();
            if (s.ended() && !s.attached() && ++ended > ENDED_STREAMS_KEPT) {
                it.remove();
            }
        }
    }
}
