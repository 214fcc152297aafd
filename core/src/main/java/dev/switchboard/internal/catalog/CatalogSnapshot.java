package dev.switchboard.internal.catalog;

import dev.switchboard.CatalogEntry;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable view of the merged catalog, computed from the servers' current tools: entries in priority then
 * configuration order, unique qualified names, and the bare-name winner of every tool name several servers share.
 */
final class CatalogSnapshot {
    /** Several servers offer a tool of this name; the bare name goes to {@code winner}. */
    record Conflict(String tool, String winner, List<String> losers) {
    }

    private final List<ServerTools> inputs;
    private final String separator;
    private final List<CatalogEntry> entries;
    private final Map<String, CatalogEntry> byQualifiedName = new HashMap<>();
    private final Map<String, CatalogEntry> byBareName = new HashMap<>();
    private final Map<String, Map<String, CatalogEntry>> byServer = new HashMap<>();
    private final Map<String, Set<String>> hidden = new HashMap<>();
    private final Map<String, String> serverByNameOrAlias = new LinkedHashMap<>();
    private final List<Conflict> conflicts = new ArrayList<>();

    private CatalogSnapshot(List<ServerTools> inputs, String separator, List<CatalogEntry> entries) {
        this.inputs = inputs;
        this.separator = separator;
        this.entries = entries;
    }

    /** Builds the catalog of these servers, given in configuration order. */
    static CatalogSnapshot of(List<ServerTools> servers, String separator) {
        List<ServerTools> ranked = new ArrayList<>(servers);
        ranked.sort(Comparator.comparingInt(ServerTools::priority).thenComparingInt(ServerTools::order));
        List<ToolNames.Key> keys = new ArrayList<>();
        Map<String, List<ServerTools>> offering = new LinkedHashMap<>();
        Map<String, Set<String>> hidden = new HashMap<>();
        for (ServerTools s : ranked) {
            for (McpSchema.Tool t : s.tools()) {
                if (!s.filter().allows(t.name())) {
                    hidden.computeIfAbsent(s.server(), k -> new LinkedHashSet<>()).add(t.name());
                } else if (offering.computeIfAbsent(t.name(), k -> new ArrayList<>()).stream()
                        .noneMatch(o -> o.server().equals(s.server()))) {
                    offering.get(t.name()).add(s); // a server listing one name twice keeps the first
                    keys.add(new ToolNames.Key(s.server(), t.name()));
                }
            }
        }
        Map<ToolNames.Key, String> names = ToolNames.assign(keys, separator);
        Map<String, List<String>> choiceOrder = choiceOrder(offering);
        List<CatalogEntry> entries = new ArrayList<>();
        for (ServerTools s : ranked) {
            for (McpSchema.Tool t : s.tools()) {
                String name = names.remove(new ToolNames.Key(s.server(), t.name()));
                if (name != null) {
                    List<String> order = choiceOrder.get(t.name());
                    entries.add(new CatalogEntry(name, s.server(), t.name(), s.available(), order.get(0),
                            order.stream().filter(o -> !o.equals(s.server())).toList(), t));
                }
            }
        }
        CatalogSnapshot snapshot = new CatalogSnapshot(List.copyOf(servers), separator, List.copyOf(entries));
        snapshot.index(servers, hidden, choiceOrder);
        return snapshot;
    }

    /** For every tool name, its servers in the order a bare name picks them: available first, then by rank. */
    private static Map<String, List<String>> choiceOrder(Map<String, List<ServerTools>> offering) {
        Map<String, List<String>> out = new HashMap<>();
        offering.forEach((tool, servers) -> out.put(tool, servers.stream()
                .sorted(Comparator.comparing((ServerTools s) -> !s.available()))
                .map(ServerTools::server).toList()));
        return out;
    }

    private void index(List<ServerTools> servers, Map<String, Set<String>> hiddenTools,
            Map<String, List<String>> choiceOrder) {
        for (ServerTools s : servers) {
            serverByNameOrAlias.put(s.server(), s.server());
            s.aliases().forEach(a -> serverByNameOrAlias.putIfAbsent(a, s.server()));
            byServer.put(s.server(), new LinkedHashMap<>());
        }
        hidden.putAll(hiddenTools);
        for (CatalogEntry e : entries) {
            byQualifiedName.put(e.qualifiedName(), e);
            byServer.get(e.server()).put(e.tool(), e);
            if (e.winsBareName()) {
                byBareName.put(e.tool(), e);
                if (!e.alsoOfferedBy().isEmpty()) {
                    conflicts.add(new Conflict(e.tool(), e.server(), e.alsoOfferedBy()));
                }
            }
        }
    }

    /** Whether this snapshot was computed from exactly these inputs. */
    boolean isFor(List<ServerTools> current) {
        if (current.size() != inputs.size()) {
            return false;
        }
        for (int i = 0; i < current.size(); i++) {
            if (!current.get(i).sameAs(inputs.get(i))) {
                return false;
            }
        }
        return true;
    }

    List<CatalogEntry> entries() {
        return entries;
    }

    List<Conflict> conflicts() {
        return conflicts;
    }

    String separator() {
        return separator;
    }

    /**
     * The entry a name means: a qualified name as listed; else a bare tool name (the highest-priority server offering
     * it); else {@code <server or alias><separator><tool>} with the tool's name as the server lists it.
     */
    Optional<CatalogEntry> find(String name) {
        CatalogEntry e = byQualifiedName.get(name);
        if (e == null) {
            e = byBareName.get(name);
        }
        if (e == null) {
            e = splitServer(name).map(p -> byServer.get(p.server()).get(p.tool())).orElse(null);
        }
        return Optional.ofNullable(e);
    }

    /** The entry of a tool of a server (by its configured name), if the catalog offers it. */
    Optional<CatalogEntry> find(String server, String tool) {
        Map<String, CatalogEntry> tools = byServer.get(server);
        return Optional.ofNullable(tools == null ? null : tools.get(tool));
    }

    /** A name split into a known server (given by name or alias) and the rest, longest server name first. */
    Optional<Qualified> splitServer(String name) {
        return serverByNameOrAlias.keySet().stream()
                .filter(s -> name.startsWith(s + separator) && name.length() > s.length() + separator.length())
                .max(Comparator.comparingInt(String::length))
                .map(s -> new Qualified(serverByNameOrAlias.get(s), name.substring(s.length() + separator.length())));
    }

    /** A server and one of its tools, named in a qualified name. */
    record Qualified(String server, String tool) {
    }

    /** The configured name of a server given by name or alias, if there is one. */
    Optional<String> server(String nameOrAlias) {
        return Optional.ofNullable(serverByNameOrAlias.get(nameOrAlias));
    }

    /** Whether the server lists this tool but its configured filter hides it. */
    boolean isHidden(String server, String tool) {
        return hidden.getOrDefault(server, Set.of()).contains(tool);
    }

    /** Servers that list a tool of this name which their filter hides. */
    List<String> hidingServers(String tool) {
        return hidden.entrySet().stream().filter(e -> e.getValue().contains(tool)).map(Map.Entry::getKey).sorted()
                .toList();
    }

    /** The input the snapshot was built from for one server. */
    Optional<ServerTools> input(String server) {
        return inputs.stream().filter(s -> s.server().equals(server)).findFirst();
    }

    /** The names that could have been meant: every qualified name and every bare name. */
    List<String> allNames() {
        List<String> out = new ArrayList<>(byQualifiedName.keySet());
        out.addAll(byBareName.keySet());
        return out;
    }

    /** The bare tool names of one server. */
    List<String> toolsOf(String server) {
        return List.copyOf(byServer.getOrDefault(server, Map.of()).keySet());
    }

    List<String> servers() {
        return inputs.stream().map(ServerTools::server).toList();
    }
}
