package dev.switchboard.internal.upstream;

import dev.switchboard.CallProgress;
import dev.switchboard.ClientHandlers;
import dev.switchboard.ErrorCode;
import dev.switchboard.SwitchboardException;
import dev.switchboard.internal.observe.LogEvents;
import dev.switchboard.internal.observe.LogGate;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * One attempt at one request, as Switchboard follows it: its deadline, its JSON-RPC id once it goes on the wire,
 * whether the SDK has let go of it, its progress, and its cancellation.
 *
 * <p>Why it exists: the SDK has no cancel and keeps an unanswered request in its pending map forever (java-sdk
 * #1133). The handle travels in the Reactor context of the request, so {@link InterceptingTransport} learns the id
 * the SDK made up; with it, an abandoned request can be cancelled on the server and released in the SDK.
 *
 * <p>The wire state moves once: from "not sent" either to the id (sent) or to "abandoned". An abandoned handle is
 * never sent afterwards, which is what makes "certainly not sent" certain.
 */
public final class CallHandle {
    /** Key of the handle in the Reactor context of the request. */
    static final Object KEY = CallHandle.class;
    private static final Object NOT_SENT = new Object();
    private static final Object ABANDONED = new Object();

    private final Deadline deadline;
    private final Consumer<CallProgress> onProgress;
    private final ClientHandlers handlers;
    private final AtomicReference<Object> wire = new AtomicReference<>(NOT_SENT);
    private volatile Object sentId;
    private volatile boolean released;
    private volatile SwitchboardException cancelReason;
    private volatile String cancelWords;
    private volatile CompletableFuture<?> waiting;
    private volatile long session;
    private volatile Map<String, Object> traceContext = Map.of();

    /**
     * @param deadline when the attempt must be done (shared by the attempts of one call)
     * @param onProgress receives the server's progress reports, or null
     */
    public CallHandle(Deadline deadline, Consumer<CallProgress> onProgress) {
        this(deadline, onProgress, null);
    }

    /**
     * @param handlers who answers the server's requests to the client while the attempt is in flight, or null for
     *     the Switchboard's own
     */
    public CallHandle(Deadline deadline, Consumer<CallProgress> onProgress, ClientHandlers handlers) {
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        this.onProgress = onProgress;
        this.handlers = handlers;
    }

    ClientHandlers handlers() {
        return handlers;
    }

    public Deadline deadline() {
        return deadline;
    }

    /** Sends the caller's trace context ({@code traceparent}, ...) in the request's {@code _meta}. */
    public void traceContext(Map<String, Object> entries) {
        this.traceContext = Objects.requireNonNull(entries, "entries");
    }

    Map<String, Object> traceContext() {
        return traceContext;
    }

    /** The number of the session the attempt ran on (or found gone); see {@link Upstream#sessionNumber()}. */
    public long session() {
        return session;
    }

    void ranOnSession(long number) {
        session = number;
    }

    /** Whether the request was handed to the transport, so the server may have seen it. */
    public boolean wasSent() {
        return sentId != null;
    }

    /**
     * Abandons the attempt: a caller waiting for it fails at once with {@code reason}, and the request is cancelled
     * on the server if it was sent, or never sent if it was not. The first reason wins.
     */
    public void cancel(SwitchboardException reason) {
        cancel(reason, null);
    }

    /**
     * Cancels the attempt with this failure; {@code words}, when given, is what the server is told in
     * {@code notifications/cancelled} (the caller's own reason).
     */
    public void cancel(SwitchboardException reason, String words) {
        if (cancelReason == null) {
            cancelWords = words;
            cancelReason = reason;
        }
        CompletableFuture<?> w = waiting;
        if (w != null) {
            w.completeExceptionally(cancelReason);
        }
    }

    /** Why the attempt was cancelled, or null. */
    public SwitchboardException cancelReason() {
        return cancelReason;
    }

    /** The caller's own words for the cancellation, for the server; null when it gave none. */
    public String cancelWords() {
        return cancelWords;
    }

    boolean wantsProgress() {
        return onProgress != null || deadline.extendsOnProgress();
    }

    /** Links the future the caller waits on; a cancellation that came first completes it at once. */
    void attach(CompletableFuture<?> future) {
        waiting = future;
        SwitchboardException reason = cancelReason;
        if (reason != null) {
            future.completeExceptionally(reason);
        }
    }

    /** The transport is about to send the request with this id; false when the attempt was abandoned first. */
    boolean sending(Object id) {
        if (wire.compareAndSet(NOT_SENT, id)) {
            sentId = id;
            return true;
        }
        return false;
    }

    /** The error a request abandoned before sending fails with (it never reached the server). */
    SwitchboardException notSent() {
        SwitchboardException reason = cancelReason;
        return reason != null ? reason : new SwitchboardException(ErrorCode.CANCELLED,
                "the request was abandoned before it was sent");
    }

    /** The SDK finished with the request (answer, error, or failed send): it holds nothing for it any more. */
    void released() {
        released = true;
    }

    boolean isReleased() {
        return released;
    }

    /**
     * The request was handed to the transport but never reached the server (its connection was refused): it is
     * "certainly not sent" after all, and nothing needs cancelling.
     */
    void neverDelivered() {
        wire.set(ABANDONED);
        sentId = null;
    }

    /** Marks the attempt abandoned; returns the id when it had been sent (so it must be cancelled), else null. */
    Object abandon() {
        Object before = wire.getAndSet(ABANDONED);
        return before == NOT_SENT || before == ABANDONED ? null : before;
    }

    /** A progress report for this attempt; {@code gate} is its instance's, for a callback that fails. */
    void progress(McpSchema.ProgressNotification n, LogGate gate) {
        deadline.progressed();
        if (onProgress != null) {
            try {
                onProgress.accept(new CallProgress(n.progress() == null ? 0 : n.progress(), n.total(), n.message()));
            } catch (RuntimeException e) {
                // A failing callback must not break the session's notification handling.
                gate.warn(LoggerFactory.getLogger(CallHandle.class), LogEvents.CALL_PROGRESS_CALLBACK_FAILED)
                        .setCause(e).log();
            }
        }
    }
}
