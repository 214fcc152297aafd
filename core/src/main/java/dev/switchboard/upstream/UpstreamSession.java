package dev.switchboard.upstream;

import dev.switchboard.SwitchboardException;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

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
    private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
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
    }

    /** Cancels a sent request on the server and releases what the client holds for it; best effort. */
    void abandon(Object id, String method, String reason) {
        InterceptingTransport t = transport;
        if (t != null) {
            t.abandon(id, method, reason);
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
        // In-flight first: completing `lost` wakes the supervisor, which closes the client and would fail them
        // with the SDK's vaguer "session terminated".
        failInFlight(reason);
        lost.complete(reason);
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
