package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.CatalogEntry;
import dev.switchboard.NamedPrompt;
import dev.switchboard.Switchboard;
import dev.switchboard.config.GatewaySettings;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * What the gateway offers its clients at one catalog version, under the names they use: tools and prompts by their
 * downstream names, resources by their downstream URIs. Each list is sorted by that key, so that pages follow one
 * order and a cursor can say "after this key". Tools come from the catalog at once; prompts, resources and templates
 * are listed from the servers the first time a client asks, then kept until the catalog changes.
 */
final class Offer {
    /** Names any MCP client accepts; a bare tool name that is not one stays qualified. */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** One listed item: the key it is sorted and paged by, and its JSON as the client sees it. */
    record Item(String key, ObjectNode json) {
    }

    /** Where a downstream name or URI leads: the server and its own name (or URI) there. */
    record Route(String server, String name) {
    }

    /** A list with the routes of its keys. */
    record Listing(List<Item> items, Map<String, Route> routes) {
        static Listing of(List<Item> items, Map<String, Route> routes) {
            List<Item> sorted = new ArrayList<>(items);
            sorted.sort(Comparator.comparing(Item::key));
            return new Listing(List.copyOf(sorted), Map.copyOf(routes));
        }
    }

    private final long version;
    private final Switchboard switchboard;
    private final GatewaySettings settings;
    private final Listing tools;
    private final Lazy<Listing> prompts;
    private final Lazy<Listing> resources;
    private final Lazy<Templates> templates;

    Offer(long version, Switchboard switchboard, GatewaySettings settings) {
        this.version = version;
        this.switchboard = switchboard;
        this.settings = settings;
        this.tools = tools(switchboard.catalog(), settings);
        this.prompts = new Lazy<>(this::listPrompts);
        this.resources = new Lazy<>(this::listResources);
        this.templates = new Lazy<>(this::listTemplates);
    }

    long version() {
        return version;
    }

    Listing tools() {
        return tools;
    }

    Listing prompts() {
        return prompts.get();
    }

    Listing resources() {
        return resources.get();
    }

    Listing templates() {
        return templates.get().listing();
    }

    /**
     * The server a resource URI that is not listed belongs to: the first server (by priority) with a template whose
     * fixed beginning the URI starts with; null when none has one.
     */
    String templateOwner(String uri) {
        for (Route t : templates.get().byPriority()) {
            int brace = t.name().indexOf('{');
            String fixed = brace < 0 ? t.name() : t.name().substring(0, brace);
            if (!fixed.isEmpty() && uri.startsWith(fixed)) {
                return t.server();
            }
        }
        return null;
    }

    private static Listing tools(List<CatalogEntry> catalog, GatewaySettings settings) {
        Map<CatalogEntry, String> names = downstreamNames(catalog, settings.names());
        List<Item> items = new ArrayList<>();
        Map<String, Route> routes = new HashMap<>();
        for (CatalogEntry e : catalog) {
            String name = names.get(e);
            // A call to a tool of a server that is down still goes to it: it waits for a restart, or fails with a
            // tool error naming the server, rather than "unknown tool".
            routes.put(name, new Route(e.server(), e.tool()));
            if (!e.available() && !settings.listUnavailableTools()) {
                continue;
            }
            ObjectNode json = (ObjectNode) JsonRpc.tree(e.definition()).deepCopy();
            json.put("name", name);
            if (!e.available()) {
                json.with("_meta").put("dev.switchboard/unavailable", "server '" + e.server() + "' is not connected");
            }
            items.add(new Item(name, json));
        }
        return Listing.of(items, routes);
    }

    /** Qualified names, or (bare_when_unique) a tool's own name where no other server has a tool of that name. */
    private static Map<CatalogEntry, String> downstreamNames(List<CatalogEntry> catalog, GatewaySettings.Names mode) {
        Map<CatalogEntry, String> names = new HashMap<>();
        for (CatalogEntry e : catalog) {
            boolean bare = mode == GatewaySettings.Names.BARE_WHEN_UNIQUE && e.alsoOfferedBy().isEmpty()
                    && SAFE_NAME.matcher(e.tool()).matches();
            names.put(e, bare ? e.tool() : e.qualifiedName());
        }
        // A bare name equal to another tool's qualified name would hide it: that tool keeps its qualified name.
        Set<String> qualifiedInUse = new HashSet<>();
        names.forEach((e, n) -> {
            if (n.equals(e.qualifiedName())) {
                qualifiedInUse.add(n);
            }
        });
        names.replaceAll((e, n) -> !n.equals(e.qualifiedName()) && qualifiedInUse.contains(n) ? e.qualifiedName() : n);
        return names;
    }

    private Listing listPrompts() {
        String separator = switchboard.config().orchestration().nameSeparator();
        List<Item> items = new ArrayList<>();
        Map<String, Route> routes = new HashMap<>();
        for (NamedPrompt p : switchboard.prompts()) {
            String name = settings.names() == GatewaySettings.Names.QUALIFIED
                    ? p.server() + separator + p.prompt().name() : p.name();
            ObjectNode json = (ObjectNode) JsonRpc.tree(p.prompt()).deepCopy();
            json.put("name", name);
            items.add(new Item(name, json));
            routes.put(name, new Route(p.server(), p.server() + separator + p.prompt().name()));
        }
        return Listing.of(items, routes);
    }

    private Listing listResources() {
        Map<String, List<McpSchema.Resource>> byServer = switchboard.resources();
        Map<String, Integer> owners = new HashMap<>();
        byServer.values().forEach(list -> list.forEach(r -> owners.merge(r.uri(), 1, Integer::sum)));
        List<Item> items = new ArrayList<>();
        Map<String, Route> routes = new HashMap<>();
        byServer.forEach((server, list) -> list.forEach(r -> {
            String uri = owners.get(r.uri()) > 1 ? server + "+" + r.uri() : r.uri();
            ObjectNode json = (ObjectNode) JsonRpc.tree(r).deepCopy();
            json.put("uri", uri);
            items.add(new Item(uri, json));
            routes.put(uri, new Route(server, r.uri()));
        }));
        return Listing.of(items, routes);
    }

    /** The templates as listed and paged, and by server priority, the order reads are matched in. */
    private record Templates(Listing listing, List<Route> byPriority) {
    }

    private Templates listTemplates() {
        List<Item> items = new ArrayList<>();
        Map<String, Route> routes = new HashMap<>();
        List<Route> byPriority = new ArrayList<>();
        switchboard.resourceTemplates().forEach((server, list) -> list.forEach(t -> {
            String key = server + "\u0000" + t.uriTemplate(); // two servers may share a template
            Route route = new Route(server, t.uriTemplate());
            items.add(new Item(key, (ObjectNode) JsonRpc.tree(t).deepCopy()));
            routes.put(key, route);
            byPriority.add(route);
        }));
        return new Templates(Listing.of(items, routes), List.copyOf(byPriority));
    }

    /** A value computed once, on first use, by one thread while others wait for it. */
    private static final class Lazy<T> {
        private final ReentrantLock lock = new ReentrantLock();
        private final Supplier<T> compute;
        private volatile T value;

        Lazy(Supplier<T> compute) {
            this.compute = compute;
        }

        T get() {
            T v = value;
            if (v != null) {
                return v;
            }
            lock.lock();
            try {
                if (value == null) {
                    value = compute.get();
                }
                return value;
            } finally {
                lock.unlock();
            }
        }
    }
}
