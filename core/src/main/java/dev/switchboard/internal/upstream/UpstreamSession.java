package dev.switchboard.internal.upstream;

import dev.switchboard.ErrorCode;
import dev.switchboard.SwitchboardException;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One initialised MCP session with a server: the SDK client, what the server said about itself, and the requests
 * in flight on it, which all fail together when the session is lost.
 */
final class UpstreamSession {
    final McpAsyncClient client;
    final McpSchema.InitializeResult init;
    final Instant readyAt;
    final Duration connectDuration;
    final int resourceCount;
    final int promptCount;
    private volatile List<McpSchema.Tool> tools;
    private static final Duration CANCEL_GRACE = Duration.ofSeconds(2);
    /** Set the moment the session is known to be going: no new request is admitted from then on. */
    private final AtomicBoolean losing = new AtomicBoolean();
    /** Told once, the moment the session starts going, with what is known of why. */
    private volatile Consumer<SwitchboardException> onLosing = e -> { };
    private volatile Supplier<SwitchboardException> aliveCheck;
    private final AtomicReference<CompletableFuture<Void>> checking =
            new AtomicReference<>(CompletableFuture.completedFuture(null));
    /** Whether any request was answered; written once, read when the session is lost. */
    private volatile boolean servedAny;
    /** Why it is going, once known; the first reason wins. */
    private final AtomicReference<SwitchboardException> reason = new AtomicReference<>();

    private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
    private final ReentrantLock drainLock = new ReentrantLock();
    private final Condition drained = drainLock.newCondition();
    private final CompletableFuture<SwitchboardException> lost = new CompletableFuture<>();
    private final Runnable closer;
    /** Goes in the Reactor context of every request made on the session (see {@link DroppedErrors}). */
    final DroppedErrors dropped;
    /** The transport the client talks through, for cancelling requests; set once the session is ready. */
    volatile InterceptingTransport transport;

    UpstreamSession(McpAsyncClient client, McpSchema.InitializeResult init, List<McpSchema.Tool> tools,
            int resourceCount, int promptCount, Instant readyAt, Duration connectDuration, Runnable closer,
            DroppedErrors dropped) {
        this.client = client;
        this.init = init;
        this.tools = List.copyOf(tools);
        this.resourceCount = resourceCount;
        this.promptCount = promptCount;
        this.readyAt = readyAt;
        this.connectDuration = connectDuration;
        this.closer = closer;
        this.dropped = dropped;
    }

    List<McpSchema.Tool> tools() {
        return tools;
    }

    void tools(List<McpSchema.Tool> fresh) {
        this.tools = List.copyOf(fresh);
    }

    void track(CompletableFuture<?> request) {
        inFlight.add(request);
        if (lost.isDone()) {
            request.completeExceptionally(lost.join());
        }
    }

    void untrack(CompletableFuture<?> request) {
        inFlight.remove(request);
        if (inFlight.isEmpty()) {
            drainLock.lock();
            try {
                drained.signalAll();
            } finally {
                drainLock.unlock();
            }
        }
    }

    /** Cancels a sent request on the server and releases what the client holds for it; best effort. */
    void abandon(Object id, String method, String why) {
        InterceptingTransport t = transport;
        if (t != null) {
            // Only our own shutdown leaves a live server listening while the session closes: then the cancel must
            // be sent before the connection goes. A server that died or forgot the session hears nothing anyway.
            SwitchboardException r = reason.get();
            t.abandon(id, method, why, r != null && r.code() == ErrorCode.SHUTTING_DOWN);
        }
    }

    /**
     * A connection of the session broke (reset, cut off): one broken connection says little (a server under load
     * may reset one), but after a server died every pooled connection breaks the same way. So the session checks
     * at once whether anyone listens where the server was; new requests wait for that check (see
     * {@link #awaitCheck}), and when nobody does, the session is lost. One check at a time.
     */
    void suspect() {
        Supplier<SwitchboardException> check = aliveCheck;
        CompletableFuture<Void> running = checking.get();
        if (check == null || !running.isDone() || losing.get()) {
            return;
        }
        CompletableFuture<Void> next = new CompletableFuture<>();
        if (!checking.compareAndSet(running, next)) {
            return;
        }
        Thread.ofVirtual().name("switchboard-alive-check").start(() -> {
            try {
                SwitchboardException gone = check.get();
                if (gone != null) {
                    lose(gone);
                }
            } finally {
                next.complete(null);
            }
        });
    }

    /** Waits, at most {@code max}, for a check started by {@link #suspect} to end. */
    void awaitCheck(Duration max) {
        CompletableFuture<Void> running = checking.get();
        if (!running.isDone()) {
            Waits.await(running, max);
        }
    }

    /** How to tell whether anyone still listens where the server was: null when someone does, else why not. */
    void aliveCheck(Supplier<SwitchboardException> check) {
        this.aliveCheck = check;
    }

    /** A request was answered: the session served something. */
    void answered() {
        if (!servedAny) {
            servedAny = true;
        }
    }

    /** Whether the session answered any request (a call, a probe) after it was ready. */
    boolean servedAny() {
        return servedAny;
    }

    /** What the server wrote so far that is not JSON-RPC (only a stdio server's output is read line by line). */
    InvalidOutput invalidOutput() {
        InterceptingTransport t = transport;
        return t != null && t.delegate() instanceof StdioProcessTransport stdio ? stdio.invalidOutput()
                : InvalidOutput.NONE;
    }

    /** Whether a stdio server's last line was not JSON-RPC, with no message after it (never for HTTP). */
    boolean garbledNow() {
        InterceptingTransport t = transport;
        return t != null && t.delegate() instanceof StdioProcessTransport stdio && stdio.garbledNow();
    }

    int inFlightCount() {
        return inFlight.size();
    }

    /** Fails every request in flight with this error, keeping the session. */
    void failInFlight(SwitchboardException error) {
        for (CompletableFuture<?> f : inFlight) {
            f.completeExceptionally(error);
        }
    }

    /**
     * The session is going (its process exited, its server is gone): no new request is admitted from now on, while
     * the details are still being found out ({@link #lose} follows with the whole reason).
     *
     * @param early what is known already
     */
    void stopAdmitting(SwitchboardException early) {
        if (losing.compareAndSet(false, true)) {
            onLosing.accept(early);
        }
    }

    /** Whether the session admits no new requests: it is being lost, or is lost. */
    boolean isLosing() {
        return losing.get();
    }

    /** Who is told the moment the session starts going (its owner, which stops calling it ready). */
    void onLosing(Consumer<SwitchboardException> listener) {
        this.onLosing = listener;
        if (losing.get()) {
            SwitchboardException known = reason.get();
            listener.accept(known != null ? known : new SwitchboardException(ErrorCode.SERVER_UNAVAILABLE,
                    "the session is being lost"));
        }
    }

    /**
     * Marks the session dead: no new request is admitted, requests in flight fail now with {@code why} (unless it is
     * a refused connection, see below), and the supervisor reconnects. Never waits on the calling thread (it may be the very I/O thread the session needs):
     * when the loss is our own shutdown, the supervisor is woken once the callers have cancelled their requests
     * on the server (at most a grace period), else at once. The first reason wins.
     */
    void lose(SwitchboardException why) {
        stopAdmitting(why);
        if (!reason.compareAndSet(null, why)) {
            return;
        }
        // In-flight first: completing `lost` wakes the supervisor, which closes the client and would fail them
        // with the SDK's vaguer "session terminated". Not after a refused connection: the requests already on their
        // way each fail on their own connection, saying whether they reached the server (reset) or not (refused).
        if (!ErrorClassifier.refused(why)) {
            failInFlight(why);
        }
        if (why.code() != ErrorCode.SHUTTING_DOWN || inFlight.isEmpty()) {
            lost.complete(why);
            return;
        }
        Thread.ofVirtual().name("switchboard-session-closing").start(() -> {
            awaitCallersGone(CANCEL_GRACE);
            lost.complete(why);
        });
    }

    private void awaitCallersGone(Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        drainLock.lock();
        try {
            while (!inFlight.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !drained.await(left, TimeUnit.NANOSECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            drainLock.unlock();
        }
    }

    /** Why the session was lost, if it was (known from the moment {@link #lose} is called). */
    SwitchboardException lossReason() {
        return reason.get();
    }

    CompletableFuture<SwitchboardException> lost() {
        return lost;
    }

    void close() {
        closer.run();
    }
}
