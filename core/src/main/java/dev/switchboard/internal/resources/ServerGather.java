package dev.switchboard.internal.resources;

import dev.switchboard.ErrorCode;
import dev.switchboard.ResourceItem;
import dev.switchboard.ServerResources;
import dev.switchboard.ServerState;
import dev.switchboard.ServerStatus;
import dev.switchboard.SwitchboardException;
import dev.switchboard.config.ResourcePolicy;
import dev.switchboard.config.ServerOptions;
import dev.switchboard.internal.upstream.Upstream;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Gathers everything from one server: lists its resources (every page, up to the per-server maximum), then reads
 * them, a bounded number at a time, each kept within the size limit. The first failed read fails the server.
 */
final class ServerGather {
    private final Upstream server;
    private final ResourcePolicy policy;
    private final Budget budget;

    ServerGather(Upstream server, ResourcePolicy policy, Budget budget) {
        this.server = server;
        this.policy = policy;
        this.budget = budget;
    }

    ServerResources gather() {
        long t0 = System.nanoTime();
        Listings.Listed<McpSchema.Resource> listed = offersResources(server)
                ? Listings.resources(server, budget, policy.maxResourcesPerServer())
                : new Listings.Listed<>(List.of(), false);
        List<ResourceItem> items = readAll(listed.items());
        long bytes = items.stream().mapToLong(ServerGather::keptBytes).sum();
        ServerOptions o = server.config().options();
        return new ServerResources(server.name(), o.priority(), o.domains(), o.capabilities(), items, listed.more(),
                bytes, Duration.ofNanos(System.nanoTime() - t0));
    }

    /**
     * Whether to ask the server for resources at all: a ready server that did not declare them has none. A server
     * that is not ready is asked, so that the request reports why it is unavailable.
     */
    static boolean offersResources(Upstream u) {
        ServerStatus s = u.status();
        return s.state() != ServerState.READY || s.capabilities().contains("resources");
    }

    private List<ResourceItem> readAll(List<McpSchema.Resource> resources) {
        Semaphore permits = new Semaphore(policy.readConcurrency());
        try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ResourceItem>> reads = new ArrayList<>(resources.size());
            for (McpSchema.Resource r : resources) {
                reads.add(exec.submit(() -> {
                    permits.acquire();
                    try {
                        return read(server, budget, r.uri(), r.name(), r.mimeType(), policy.maxResourceBytes());
                    } finally {
                        permits.release();
                    }
                }));
            }
            List<ResourceItem> out = new ArrayList<>(resources.size());
            try {
                for (Future<ResourceItem> f : reads) {
                    out.add(f.get());
                }
            } catch (ExecutionException e) {
                exec.shutdownNow();
                throw e.getCause() instanceof SwitchboardException se ? se
                        : new SwitchboardException(ErrorCode.INTERNAL, server.name(), null, "server '"
                                + server.name() + "': reading resources failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                exec.shutdownNow();
                Thread.currentThread().interrupt();
                throw new SwitchboardException(ErrorCode.CANCELLED, server.name(), null,
                        "gathering from server '" + server.name() + "' was cancelled", e);
            }
            return out;
        }
    }

    /** Reads one resource, fresh, within the size limit. */
    static ResourceItem read(Upstream u, Budget budget, String uri, String name, String listedMime, long maxBytes) {
        McpSchema.ReadResourceResult result;
        try {
            result = u.request("resources/read", null, budget.nextRequest(),
                    c -> c.readResource(new McpSchema.ReadResourceRequest(uri)));
        } catch (SwitchboardException e) {
            SwitchboardException explained = budget.explain(e);
            throw new SwitchboardException(explained.code(), u.name(), null, explained.getMessage()
                    + " (reading resource " + uri + ")", explained);
        }
        List<McpSchema.ResourceContents> contents = result.contents() == null ? List.of() : result.contents();
        Truncation.Limited limited = Truncation.limit(contents, maxBytes);
        String mime = listedMime != null ? listedMime
                : contents.stream().map(McpSchema.ResourceContents::mimeType).filter(m -> m != null).findFirst()
                        .orElse(null);
        return new ResourceItem(u.name(), name == null ? uri : name, uri, mime, limited.contents(), limited.size(),
                limited.truncated());
    }

    static long keptBytes(ResourceItem item) {
        return item.contents().stream().mapToLong(Truncation::size).sum();
    }
}
