package dev.switchboard.internal.upstream;

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
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

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
    private volatile boolean losing;

    private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
    private final ReentrantLock drainLock = new ReentrantLock();
    private final Condition drained = drainLock.newCondition();
    private final CompletableFuture<SwitchboardException> lost = new CompletableFuture<>();
    private final Runnable closer;
    /** The transport the client talks through, for cancelling requests; set once the session is ready. */
    volatile InterceptingTransport transport;

    UpstreamSession(McpAsyncClient client, McpSchema.InitializeResult init, List<McpSchema.Tool> tools,
            int resourceCount, int promptCount, Instant readyAt, Duration connectDuration, Runnable closer) {
        this.client = client;
        this.init = init;
        this.tools = List.copyOf(tools);
        this.resourceCount = resourceCount;
        this.promptCount = promptCount;
        this.readyAt = readyAt;
        this.connectDuration = connectDuration;
        this.closer = closer;
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
    void abandon(Object id, String method, String reason) {
        InterceptingTransport t = transport;
        if (t != null) {
            t.abandon(id, method, reason, losing);
        }
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

    /** Marks the session dead: requests in flight fail now, and the supervisor reconnects. */
    void lose(SwitchboardException reason) {
        losing = true;
        // In-flight first: completing `lost` wakes the supervisor, which closes the client and would fail them
        // with the SDK's vaguer "session terminated".
        failInFlight(reason);
        // Each failed caller cancels its request on the server before it lets go; give them a moment to do so
        // before the supervisor closes the transport under them.
        awaitCallersGone(CANCEL_GRACE);
        lost.complete(reason);
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

    /** Why the session was lost, if it was. */
    SwitchboardException lossReason() {
        return lost.getNow(null);
    }

    CompletableFuture<SwitchboardException> lost() {
        return lost;
    }

    void close() {
        closer.run();
    }
}
