package dev.switchboard.config;

import dev.switchboard.internal.util.Suggestions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recognises the accepted file formats and rewrites each into Switchboard's own shape, so that overrides,
 * interpolation and validation deal with one shape only.
 *
 * <ul>
 *   <li>Switchboard's own ({@code servers:}), which also reads VS Code's {@code mcp.json} ({@code servers} +
 *       {@code inputs}, {@code type} for transport);
 *   <li>{@code mcpServers} of Claude Desktop and Cursor, including the variant where an HTTP server's URL is in
 *       {@code command} and its headers in {@code env};
 *   <li>the legacy {@code mcp_servers:} YAML with logging settings under {@code orchestration}.
 * </ul>
 * Every rename is recorded in the {@link PathMap} so that problems name the key as the user wrote it.
 */
final class Formats {
    static final List<String> TOP_KEYS = List.of("servers", "defaults", "orchestration", "logging", "gateway");
    private static final List<String> SERVER_LISTS = List.of("servers", "mcpServers", "mcp_servers");
    private static final Set<String> APPROVAL_KEYS = Set.of("autoApprove", "alwaysAllow");
    private static final Pattern HTTP_URL = Pattern.compile("(?i)https?://.*");

    private final Problems problems;
    private final PathMap paths;

    private Formats(Problems problems, PathMap paths) {
        this.problems = problems;
        this.paths = paths;
    }

    /** Rewrites {@code root} in place into Switchboard's shape. */
    static void normalise(Map<String, Object> root, Problems problems, PathMap paths) {
        new Formats(problems, paths).normalise(root);
    }

    private void normalise(Map<String, Object> root) {
        List<String> present = SERVER_LISTS.stream().filter(root::containsKey).toList();
        for (String extra : present.subList(Math.min(1, present.size()), present.size())) {
            problems.errorAsWritten(extra, "the file also has " + present.get(0)
                    + " (expected: one of servers, mcpServers or mcp_servers)");
            root.remove(extra);
        }
        String list = present.isEmpty() ? "servers" : present.get(0);
        if (list.equals("mcpServers")) {
            ignoreForeignTopKeys(root);
        }
        if (!list.equals("servers")) {
            renameKey(root, list, "servers");
            paths.map("servers", list);
            if (root.get("servers") instanceof Map<?, ?> servers && list.equals("mcpServers")) {
                Tree.asMap(servers).forEach((name, server) -> normaliseMcpServer(name, server));
            }
        }
        if (root.remove("inputs") != null) {
            problems.warnAsWritten("inputs", "ignored: Switchboard does not prompt for input variables"
                    + " (expected: secrets in environment variables, referenced as ${VAR})");
        }
        moveLegacyLogging(root);
    }

    /** A Claude Desktop file holds that application's other settings too; they are none of our business. */
    private void ignoreForeignTopKeys(Map<String, Object> root) {
        for (String key : List.copyOf(root.keySet())) {
            boolean ours = key.equals("mcpServers") || TOP_KEYS.contains(key);
            // A near miss of one of our keys is a typo to report, not another application's setting.
            if (!ours && Suggestions.closest(key, TOP_KEYS).isEmpty()) {
                root.remove(key);
                problems.warnAsWritten(key, "ignored: not a Switchboard setting");
            }
        }
    }

    private void normaliseMcpServer(String name, Object value) {
        if (!(value instanceof Map<?, ?> raw)) {
            return;
        }
        Map<String, Object> server = Tree.asMap(raw);
        String path = Tree.child("servers", name);
        String sourcePath = Tree.child("mcpServers", name);
        for (String key : APPROVAL_KEYS) {
            if (server.remove(key) != null) {
                problems.warnAsWritten(Tree.child(sourcePath, key), "ignored: Switchboard does not ask for"
                        + " approval before a tool call (expected: your application decides)");
            }
        }
        invertDisabled(server, path, sourcePath);
        moveUrlOutOfCommand(server, path, sourcePath);
    }

    /** Cline and others write {@code disabled: true}; we write {@code enabled: false}. */
    private void invertDisabled(Map<String, Object> server, String path, String sourcePath) {
        if (!server.containsKey("disabled")) {
            return;
        }
        Object disabled = server.remove("disabled");
        if (server.containsKey("enabled")) {
            problems.errorAsWritten(Tree.child(sourcePath, "disabled"), "the server also has enabled"
                    + " (expected: one of enabled or disabled)");
        } else {
            server.put("enabled", disabled instanceof Boolean b ? !b : disabled);
            paths.map(Tree.child(path, "enabled"), Tree.child(sourcePath, "disabled"));
        }
    }

    /**
     * Some tools write an HTTP server as {@code command: <url>} with its headers in {@code env}. A command cannot be
     * a URL, and an HTTP server has no environment, so the meaning is unambiguous.
     */
    private void moveUrlOutOfCommand(Map<String, Object> server, String path, String sourcePath) {
        if (server.containsKey("url") || !(server.get("command") instanceof String command)) {
            return;
        }
        Object transport = server.getOrDefault("transport", server.get("type"));
        boolean remote = transport instanceof String t && Transport.parse(t).filter(x -> x != Transport.STDIO)
                .isPresent();
        if (!remote && !HTTP_URL.matcher(command.trim()).matches()) {
            return;
        }
        renameKey(server, "command", "url");
        paths.map(Tree.child(path, "url"), Tree.child(sourcePath, "command"));
        if (server.containsKey("env") && !server.containsKey("headers")) {
            renameKey(server, "env", "headers");
            paths.map(Tree.child(path, "headers"), Tree.child(sourcePath, "env"));
        }
    }

    /** The legacy format keeps logging settings under orchestration; they belong in logging. */
    private void moveLegacyLogging(Map<String, Object> root) {
        if (!(root.get("orchestration") instanceof Map<?, ?> o)) {
            return;
        }
        Map<String, Object> orchestration = Tree.asMap(o);
        moveInto(root, orchestration, "enable_logging", "enabled");
        moveInto(root, orchestration, "log_level", "level");
    }

    private void moveInto(Map<String, Object> root, Map<String, Object> orchestration, String legacy, String key) {
        if (!orchestration.containsKey(legacy)) {
            return;
        }
        Object value = orchestration.remove(legacy);
        if (!(root.computeIfAbsent("logging", k -> new LinkedHashMap<String, Object>()) instanceof Map<?, ?> l)) {
            return;
        }
        Map<String, Object> logging = Tree.asMap(l);
        if (logging.containsKey(key)) {
            problems.errorAsWritten("orchestration." + legacy, "also set as logging." + key
                    + " (expected: one of them)");
            return;
        }
        logging.put(key, value);
        paths.map("logging." + key, "orchestration." + legacy);
    }

    /** Renames a key, keeping its position (server order and key order stay as written). */
    static void renameKey(Map<String, Object> map, String from, String to) {
        Map<String, Object> copy = new LinkedHashMap<>(map);
        map.clear();
        copy.forEach((k, v) -> map.put(k.equals(from) ? to : k, v));
    }
}
