package dev.switchboard.internal.upstream;

import dev.switchboard.ErrorCode;
import dev.switchboard.internal.observe.LogEvents;
import dev.switchboard.internal.observe.LogGate;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpTransportSessionNotFoundException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Wraps a transport so that Switchboard hears about transport failures, sees the ids of the requests it sends, and
 * can abandon a request the SDK cannot.
 *
 * <p>The SDK's HTTP transports report a failed POST (401, connection refused, 5xx) only to the exception handler
 * that {@code McpAsyncClient} installs, which ignores it: the request then waits for its full timeout. Hearing it
 * here lets the connection fail the request at once with the real reason.
 *
 * <p>A request sent with a {@link CallHandle} in its Reactor context gets its JSON-RPC id recorded on the handle (or
 * is refused, when the handle was abandoned first). {@link #abandon} then sends {@code notifications/cancelled} and
 * hands the session a made-up error response for the id, the only way to make the SDK drop its pending entry.
 *
 * <p>{@link #request} sends a request past the SDK's session, for the calls on the hot path (see there).
 */
final class InterceptingTransport implements McpClientTransport {
    static final String CANCELLED = "notifications/cancelled";
    private static final Logger log = LoggerFactory.getLogger(InterceptingTransport.class);
    private static final Duration CANCEL_SEND_LIMIT = Duration.ofSeconds(5);
    // The SDK's own ids are "<8 hex digits>-<n>": these can never be among them.
    private static final String OWN_IDS = "switchboard-";

    private final McpClientTransport delegate;
    private final Consumer<Throwable> onError;
    private final LogGate gate;
    private volatile Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> inbound;
    private volatile Consumer<McpSchema.JSONRPCNotification> notifications;
    private volatile DroppedErrors droppedErrors;
    private volatile OpenExchanges exchanges;
    // Requests sent by request(), by id: their answers are taken here and never reach the SDK's session.
    private final Map<Object, MonoSink<McpSchema.JSONRPCResponse>> own = new ConcurrentHashMap<>();
    private final AtomicLong ownIds = new AtomicLong();

    InterceptingTransport(McpClientTransport delegate, Consumer<Throwable> onError, LogGate gate) {
        this.delegate = delegate;
        this.onError = onError;
        this.gate = gate;
        delegate.setExceptionHandler(onError);
    }

    @Override
    public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        Consumer<McpSchema.JSONRPCNotification> tap = notifications;
        Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> tapped = tap == null
                ? in -> handler.apply(in.filter(this::unclaimed))
                : in -> handler.apply(in.filter(this::unclaimed).doOnNext(m -> {
                    if (m instanceof McpSchema.JSONRPCNotification n) {
                        tap.accept(n);
                    }
                }));
        this.inbound = tapped;
        return delegate.connect(tapped);
    }

    /**
     * Sees every notification from the server before the SDK handles it: for those the SDK handles in a way that
     * loses what Switchboard needs ({@code notifications/resources/updated}, which it turns into a read). Set
     * before {@link #connect}.
     */
    void onNotification(Consumer<McpSchema.JSONRPCNotification> tap) {
        this.notifications = tap;
    }

    /** The transport it wraps; for tests of this package. */
    McpClientTransport delegate() {
        return delegate;
    }

    @Override
    public void setExceptionHandler(Consumer<Throwable> handler) {
        delegate.setExceptionHandler(t -> {
            onError.accept(t);
            if (!(t instanceof McpTransportSessionNotFoundException)) {
                // The SDK would re-initialise this client in place while its refused request hangs; Switchboard
                // instead drops the session and starts a new client (Connector.onTransportError).
                handler.accept(t);
            }
        });
    }

    /**
     * Sends a request past the SDK's session and answers with its result, or fails with an {@link McpError} for a
     * JSON-RPC error, as the session would. The session puts a timer on every request (a Reactor {@code timeout()}:
     * a task on a shared scheduler, set and cancelled per request, waking its thread), a seventh of a gateway's CPU
     * per call under load; Switchboard keeps its own deadlines, so its calls need none. Everything else a request
     * gets is the same: the {@link CallHandle} in the context records the id, progress and server requests arrive
     * through the session as before, and {@link #abandon} releases it.
     */
    <T> Mono<T> request(String method, Object params, TypeRef<T> type) {
        return Mono.<McpSchema.JSONRPCResponse>create(sink -> {
            String id = OWN_IDS + ownIds.incrementAndGet();
            own.put(id, sink);
            // What the SDK's session logs of the requests it sends, so that a debug log shows these too.
            gate.debug(log, LogEvents.UPSTREAM_REQUEST_SENT).addKeyValue("method", method).addKeyValue("id", id)
                    .log();
            sendMessage(new McpSchema.JSONRPCRequest(McpSchema.JSONRPC_VERSION, method, id, params))
                    .contextWrite(sink.contextView())
                    .subscribe(ignored -> { }, e -> {
                        if (own.remove(id) != null) {
                            sink.error(e);
                        }
                    });
        }).handle((response, out) -> {
            if (response.error() != null) {
                out.error(new McpError(response.error()));
            } else {
                out.next(unmarshalFrom(response.result(), type));
            }
        });
    }

    /**
     * Takes the answer to a request of {@link #request}; false for it, true for every other message. A late answer
     * to one of ours that was settled already (its send failed, or it was released as abandoned) is dropped too:
     * the SDK's session, which never knew the id, would warn about it.
     */
    private boolean unclaimed(McpSchema.JSONRPCMessage message) {
        if (message instanceof McpSchema.JSONRPCResponse response && response.id() instanceof String id
                && id.startsWith(OWN_IDS)) {
            MonoSink<McpSchema.JSONRPCResponse> sink = own.remove(id);
            if (sink != null) {
                gate.debug(log, LogEvents.UPSTREAM_RESPONSE_RECEIVED).addKeyValue("id", id)
                        .addKeyValue("response", response).log();
                sink.success(response);
            }
            return false;
        }
        return true;
    }

    /** HTTP exchanges of requests still open; for tests that prove none is left behind. */
    int openExchanges() {
        OpenExchanges open = exchanges;
        return open == null ? 0 : open.openCount();
    }

    /** Requests of {@link #request} still waiting for an answer; for tests that prove none is left behind. */
    int pendingOwn() {
        return own.size();
    }

    /** Fails what {@link #request} sent and was not answered, as the SDK's session does with its own on close. */
    private void dismissOwn() {
        own.keySet().forEach(id -> {
            MonoSink<McpSchema.JSONRPCResponse> sink = own.remove(id);
            if (sink != null) {
                sink.error(new IllegalStateException("MCP session with server terminated"));
            }
        });
    }

    @Override
    public Mono<Void> closeGracefully() {
        return delegate.closeGracefully().doFinally(signal -> dismissOwn());
    }

    @Override
    public void close() {
        delegate.close();
        dismissOwn();
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        if (!(message instanceof McpSchema.JSONRPCRequest request)) {
            return dropped(delegate.sendMessage(message));
        }
        return dropped(Mono.deferContextual(ctx -> {
            CallHandle handle = ctx.getOrDefault(CallHandle.KEY, null);
            if (handle != null && !handle.sending(request.id())) {
                // Abandoned before it went out: refusing it here makes the SDK drop its pending entry itself.
                return Mono.error(handle.notSent());
            }
            return delegate.sendMessage(message);
        }));
    }

    /**
     * Every send, the SDK's own fire-and-forget ones (notifications, answers to the server) included, carries the
     * connection's hook for what Reactor drops: an exchange that fails after its subscriber left (a send cut off by
     * a restarting server) is then logged at DEBUG, not as Reactor's global ERROR.
     */
    private <T> Mono<T> dropped(Mono<T> send) {
        DroppedErrors hook = droppedErrors;
        return hook == null ? send : hook.on(send);
    }

    /** The HTTP exchanges of this connection's requests, to end those given up on; set before {@link #connect}. */
    void exchanges(OpenExchanges open) {
        this.exchanges = open;
    }

    /** Sets the hook every send carries; set before {@link #connect}. */
    void droppedErrors(DroppedErrors hook) {
        this.droppedErrors = hook;
    }

    /** Hands a message that arrived outside the SDK's own streams (a resumed answer stream) to the session. */
    void deliver(McpSchema.JSONRPCMessage message) {
        var handler = inbound;
        if (handler != null) {
            handler.apply(Mono.just(message)).subscribe(ignored -> { },
                    e -> gate.debug(log, LogEvents.UPSTREAM_DELIVER_FAILED).setCause(e).log());
        }
    }

    /**
     * Gives up on a sent request: asks the server to stop ({@code notifications/cancelled}, best effort) and releases
     * everything the client side holds for it.
     */
    void abandon(Object id, String method, String reason, boolean awaitSent) {
        var cancel = new McpSchema.JSONRPCNotification(CANCELLED, Map.of("requestId", id, "reason", reason));
        Mono<Void> send = dropped(delegate.sendMessage(cancel).timeout(CANCEL_SEND_LIMIT));
        if (awaitSent) {
            // The session is closing right after: an asynchronous send would be cut off with the connection.
            try {
                send.block();
            } catch (RuntimeException e) {
                gate.debug(log, LogEvents.CALL_CANCEL_NOT_SENT).addKeyValue("request_id", id)
                        .addKeyValue("error", e.toString()).log();
            }
        } else {
            send.subscribe(ignored -> { }, e -> gate.debug(log, LogEvents.CALL_CANCEL_NOT_SENT)
                    .addKeyValue("request_id", id).addKeyValue("error", e.toString()).log());
        }
        OpenExchanges open = exchanges;
        if (open != null) {
            open.abandon(id); // after the cancel went out on a connection of its own
        }
        var answer = StdioInFlight.failure(id, method, ErrorCode.CANCELLED, reason);
        if (delegate instanceof StdioProcessTransport stdio) {
            stdio.answerLocally(answer); // it keeps its own book of pending ids, answered exactly once
            return;
        }
        var handler = inbound;
        if (handler != null) {
            handler.apply(Mono.just(answer)).subscribe(ignored -> { },
                    e -> gate.debug(log, LogEvents.CALL_RELEASE_FAILED).addKeyValue("request_id", id).setCause(e)
                            .log());
        }
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        return delegate.unmarshalFrom(data, typeRef);
    }

    @Override
    public List<String> protocolVersions() {
        return delegate.protocolVersions();
    }
}
