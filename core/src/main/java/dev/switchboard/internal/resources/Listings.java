package dev.switchboard.internal.resources;

import dev.switchboard.SwitchboardException;
import dev.switchboard.internal.upstream.Upstream;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;

/** Fresh, paginated listings of one server's resources, resource templates and prompts. */
final class Listings {
    /** Stops a server that keeps handing out cursors from holding a gather until its deadline. */
    private static final int MAX_PAGES = 1000;

    /** The items listed, up to a maximum, and whether the server had more. */
    record Listed<T>(List<T> items, boolean more) {
    }

    private record Page<T>(List<T> items, String next) {
    }

    private interface PageFetch<T> {
        Page<T> fetch(String cursor, java.time.Duration timeout);
    }

    private Listings() {
    }

    static Listed<McpSchema.Resource> resources(Upstream u, Budget budget, int max) {
        return all(budget, max, (cursor, timeout) -> {
            McpSchema.ListResourcesResult r = u.request("resources/list", null, timeout,
                    c -> c.listResources(cursor));
            return new Page<>(r.resources(), r.nextCursor());
        });
    }

    static Listed<McpSchema.ResourceTemplate> templates(Upstream u, Budget budget) {
        return all(budget, Integer.MAX_VALUE, (cursor, timeout) -> {
            McpSchema.ListResourceTemplatesResult r = u.request("resources/templates/list", null, timeout,
                    c -> c.listResourceTemplates(cursor));
            return new Page<>(r.resourceTemplates(), r.nextCursor());
        });
    }

    static Listed<McpSchema.Prompt> prompts(Upstream u, Budget budget) {
        return all(budget, Integer.MAX_VALUE, (cursor, timeout) -> {
            McpSchema.ListPromptsResult r = u.request("prompts/list", null, timeout, c -> c.listPrompts(cursor));
            return new Page<>(r.prompts(), r.nextCursor());
        });
    }

    private static <T> Listed<T> all(Budget budget, int max, PageFetch<T> pages) {
        List<T> out = new ArrayList<>();
        String cursor = null;
        for (int i = 0; i < MAX_PAGES; i++) {
            Page<T> page;
            try {
                page = pages.fetch(cursor, budget.nextRequest());
            } catch (SwitchboardException e) {
                throw budget.explain(e);
            }
            List<T> items = page.items() == null ? List.of() : page.items();
            for (T item : items) {
                if (out.size() == max) {
                    return new Listed<>(out, true);
                }
                out.add(item);
            }
            cursor = page.next();
            if (cursor == null || cursor.isEmpty()) {
                return new Listed<>(out, false);
            }
            if (out.size() == max) {
                return new Listed<>(out, true);
            }
        }
        return new Listed<>(out, true);
    }
}
