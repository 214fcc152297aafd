package dev.switchboard.config;

import dev.switchboard.internal.util.Suggestions;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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

    /** The first enabled server to claim a domain at a priority, with the domain as that server wrote it. */
    private record Claim(int server, String domain) {
    }

    /**
     * Two enabled servers with the same priority for one domain leave resolution to chance. Each server is checked
     * against the first server that claimed the same priority and domain, through an index: comparing every pair
     * took minutes for a few thousand servers, and reported every pair.
     */
    static void priorities(Map<String, ServerOptions> servers, Problems problems) {
        List<Map.Entry<String, ServerOptions>> enabled = servers.entrySet().stream()
                .filter(s -> s.getValue().enabled()).toList();
        Map<String, Claim> claims = new HashMap<>();
        for (int j = 0; j < enabled.size(); j++) {
            ServerOptions b = enabled.get(j).getValue();
            // Earlier server -> the domains this one shares with it, in that server's spelling.
            Map<Integer, Set<String>> clashes = new TreeMap<>();
            for (String domain : b.domains()) {
                String key = b.priority() + " " + domain.trim().toLowerCase(Locale.ROOT);
                Claim claim = claims.putIfAbsent(key, new Claim(j, domain));
                if (claim != null && claim.server() != j) {
                    clashes.computeIfAbsent(claim.server(), i -> new LinkedHashSet<>()).add(claim.domain());
                }
            }
            String path = Tree.child(Tree.child("servers", enabled.get(j).getKey()), "priority");
            clashes.forEach((i, shared) -> {
                String domains = (shared.size() == 1 ? "domain " : "domains ") + String.join(", ", shared);
                problems.error(path, b.priority() + " is also the priority of server " + enabled.get(i).getKey()
                        + ", and both serve " + domains + " (expected: different priorities, so that one of them"
                        + " wins for " + domains + ")");
            });
        }
    }

    /** A token may only name servers that exist: a misspelt one would silently show the token nothing. */
    static void tokenServers(GatewaySettings gateway, List<String> servers, Problems problems) {
        List<GatewayToken> tokens = gateway.tokens();
        Set<String> known = new HashSet<>(servers);
        for (int t = 0; t < tokens.size(); t++) {
            List<String> named = tokens.get(t).servers();
            for (int i = 0; i < named.size(); i++) {
                if (!known.contains(named.get(i))) {
                    String hint = Suggestions.hint(named.get(i), servers);
                    problems.error(Tree.index(Tree.child(Tree.index("gateway.tokens", t), "servers"), i),
                            "no server is named " + Section.shown(named.get(i)) + " (" + (hint.isEmpty() ? ""
                            : hint + " ") + "expected one of: " + String.join(", ", servers) + ")");
                }
            }
        }
    }

    /** An OAuth rule may only name servers that exist, for the same reason as a token. */
    static void ruleServers(GatewaySettings gateway, List<String> servers, Problems problems) {
        List<GatewayOAuth.Rule> rules = gateway.oauth() == null ? List.of() : gateway.oauth().rules();
        Set<String> known = new HashSet<>(servers);
        for (int r = 0; r < rules.size(); r++) {
            List<String> named = rules.get(r).servers();
            for (int i = 0; i < named.size(); i++) {
                if (!known.contains(named.get(i))) {
                    String hint = Suggestions.hint(named.get(i), servers);
                    problems.error(Tree.index(Tree.child(Tree.index("gateway.oauth.rules", r), "servers"), i),
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

    private static String sanitised(String name) {
        String s = name.replaceAll("[^A-Za-z0-9_-]+", "_").replaceAll("^[_-]+", "");
        s = s.isEmpty() ? "server" : s;
        return s.length() > 64 ? s.substring(0, 64) : s;
    }
}
