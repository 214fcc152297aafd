package dev.switchboard.config;

import dev.switchboard.internal.util.Suggestions;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Rules that concern several servers at once: unique names and aliases, unambiguous priorities. */
final class CrossChecks {
    /**
     * Names become tool-name prefixes and override paths: letters, digits, _ and - only (no dots, which would make
     * {@code servers.a.b.enabled} ambiguous), at most 64 characters as MCP clients limit names.
     */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final String NAME_EXPECTED = "expected: 1 to 64 letters, digits, _ or -, starting with a letter or"
            + " digit";

    private CrossChecks() {
    }

    static void names(Collection<String> names, Problems problems) {
        Map<String, String> byLowerCase = new HashMap<>();
        for (String name : names) {
            String path = Tree.child("servers", name);
            if (!NAME.matcher(name).matches()) {
                problems.error(path, "is not a valid server name (" + NAME_EXPECTED + ", e.g. " + sanitised(name)
                        + ")");
            }
            String earlier = byLowerCase.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
            if (earlier != null) {
                problems.error(path, "differs from server " + earlier + " only in case (expected: names that"
                        + " differ in more than case)");
            }
        }
    }

    /** Aliases are other names for a server, so they share the namespace of names. */
    static void aliases(Collection<String> allNames, Map<String, ServerOptions> servers, Problems problems) {
        Map<String, String> names = new HashMap<>();
        allNames.forEach(name -> names.put(name.toLowerCase(Locale.ROOT), name));
        Map<String, String> aliasOwner = new HashMap<>();
        for (Map.Entry<String, ServerOptions> server : servers.entrySet()) {
            String name = server.getKey();
            List<String> aliases = server.getValue().aliases();
            for (int i = 0; i < aliases.size(); i++) {
                String alias = aliases.get(i);
                String key = alias.toLowerCase(Locale.ROOT);
                String path = Tree.index(Tree.child(Tree.child("servers", name), "aliases"), i);
                String named = names.get(key);
                String owner = aliasOwner.putIfAbsent(key, name);
                if (!NAME.matcher(alias).matches()) {
                    problems.error(path, Section.shown(alias) + " is not a valid alias (" + NAME_EXPECTED + ")");
                } else if (named != null && !named.equals(name)) {
                    problems.error(path, Section.shown(alias) + " is the name of server " + named
                            + " (expected: an alias that no server is named)");
                } else if (owner != null) {
                    problems.error(path, Section.shown(alias) + (owner.equals(name) ? " is listed twice"
                            : " is also an alias of server " + owner) + " (expected: unique aliases)");
                }
            }
        }
    }

    /** Two enabled servers with the same priority for one domain leave resolution to chance. */
    static void priorities(Map<String, ServerOptions> servers, Problems problems) {
        List<Map.Entry<String, ServerOptions>> enabled = servers.entrySet().stream()
                .filter(s -> s.getValue().enabled()).toList();
        for (int j = 0; j < enabled.size(); j++) {
            for (int i = 0; i < j; i++) {
                ServerOptions a = enabled.get(i).getValue();
                ServerOptions b = enabled.get(j).getValue();
                Set<String> shared = shared(a.domains(), b.domains());
                if (a.priority() == b.priority() && !shared.isEmpty()) {
                    String domains = (shared.size() == 1 ? "domain " : "domains ") + String.join(", ", shared);
                    problems.error(Tree.child(Tree.child("servers", enabled.get(j).getKey()), "priority"),
                            b.priority() + " is also the priority of server " + enabled.get(i).getKey()
                                    + ", and both serve " + domains + " (expected: different priorities, so that"
                                    + " one of them wins for " + domains + ")");
                }
            }
        }
    }

    /** A token may only name servers that exist: a misspelt one would silently show the token nothing. */
    static void tokenServers(GatewaySettings gateway, List<String> servers, Problems problems) {
        List<GatewayToken> tokens = gateway.tokens();
        for (int t = 0; t < tokens.size(); t++) {
            List<String> named = tokens.get(t).servers();
            for (int i = 0; i < named.size(); i++) {
                if (!servers.contains(named.get(i))) {
                    String hint = Suggestions.hint(named.get(i), servers);
                    problems.error(Tree.index(Tree.child(Tree.index("gateway.tokens", t), "servers"), i),
                            "no server is named " + Section.shown(named.get(i)) + " (" + (hint.isEmpty() ? ""
                            : hint + " ") + "expected one of: " + String.join(", ", servers) + ")");
                }
            }
        }
    }

    static void allDisabled(Collection<Boolean> enabled, Problems problems) {
        if (!enabled.isEmpty() && !enabled.contains(Boolean.TRUE)) {
            problems.warn("servers", "every server is disabled, so nothing will be connected");
        }
    }

    private static Set<String> shared(List<String> a, List<String> b) {
        Set<String> lower = new LinkedHashSet<>();
        b.forEach(d -> lower.add(d.trim().toLowerCase(Locale.ROOT)));
        Set<String> out = new LinkedHashSet<>();
        a.stream().filter(d -> lower.contains(d.trim().toLowerCase(Locale.ROOT))).forEach(out::add);
        return out;
    }

    private static String sanitised(String name) {
        String s = name.replaceAll("[^A-Za-z0-9_-]+", "_").replaceAll("^[_-]+", "");
        s = s.isEmpty() ? "server" : s;
        return s.length() > 64 ? s.substring(0, 64) : s;
    }
}
