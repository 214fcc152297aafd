package dev.switchboard.internal.upstream;

import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/** Lists a freshly initialised server's tools, resources and prompts, following every page. */
final class Listing {
    /** Stops a server that keeps handing out cursors from holding a connect attempt forever. */
    private static final int MAX_PAGES = 1000;

    private final McpAsyncClient client;
    private final CompletableFuture<Throwable> early;
    private final long deadlineNanos;
    private final Connector connector;

    Listing(McpAsyncClient client, CompletableFuture<Throwable> early, long deadlineNanos, Connector connector) {
        this.client = client;
        this.early = early;
        this.deadlineNanos = deadlineNanos;
        this.connector = connector;
    }

    UpstreamSession toSession(McpSchema.InitializeResult init, Instant start, Clock clock, Runnable closer)
            throws InterruptedException {
        McpSchema.ServerCapabilities caps = init.capabilities();
        List<McpSchema.Tool> tools = caps != null && caps.tools() != null
                ? all("tools/list", c -> client.listTools(c).map(r -> new Page<>(r.tools(), r.nextCursor())))
                : List.of();
        int resources = caps != null && caps.resources() != null
                ? all("resources/list", c -> client.listResources(c)
                        .map(r -> new Page<>(r.resources(), r.nextCursor()))).size()
                : 0;
        int prompts = caps != null && caps.prompts() != null
                ? all("prompts/list", c -> client.listPrompts(c)
                        .map(r -> new Page<>(r.prompts(), r.nextCursor()))).size()
                : 0;
        Instant ready = clock.instant();
        return new UpstreamSession(client, init, tools, resources, prompts, ready, Duration.between(start, ready),
                closer, connector.dropped());
    }

    private record Page<T>(List<T> items, String nextCursor) {
    }

    private <T> List<T> all(String what, Function<String, Mono<Page<T>>> fetch) throws InterruptedException {
        List<T> out = new ArrayList<>();
        String cursor = null;
        for (int i = 0; i < MAX_PAGES; i++) {
            Page<T> page = connector.await(connector.dropped().on(fetch.apply(cursor)).toFuture(), early,
                    deadlineNanos, what);
            if (page.items() != null) {
                out.addAll(page.items());
            }
            cursor = page.nextCursor();
            if (cursor == null || cursor.isEmpty()) {
                break;
            }
        }
        return out;
    }
}
