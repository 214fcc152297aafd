package dev.switchboard.internal.resources;

import dev.switchboard.ServerState;
import dev.switchboard.internal.upstream.Upstream;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The servers a call across servers asks, by priority (lower first) then configuration order. Disabled servers are
 * left out; an enabled server that is not connected is asked, so that its failure is reported rather than hidden.
 */
final class Servers {
    private final List<Upstream> all;
    private final Map<String, String> aliases;

    Servers(List<Upstream> inConfigOrder, Map<String, String> aliases) {
        // A stable sort keeps configuration order among equal priorities.
        this.all = inConfigOrder.stream()
                .sorted(Comparator.comparingInt(u -> u.config().options().priority())).toList();
        this.aliases = Map.copyOf(aliases);
    }

    /** Enabled servers by priority. */
    List<Upstream> enabled() {
        return all.stream().filter(u -> u.status().state() != ServerState.DISABLED).toList();
    }

    /** Enabled servers that serve {@code domain} (any case), by priority; all enabled servers when it is null. */
    List<Upstream> serving(String domain) {
        if (domain == null) {
            return enabled();
        }
        String wanted = domain.trim().toLowerCase(Locale.ROOT);
        return enabled().stream().filter(u -> u.config().options().domains().stream()
                .anyMatch(d -> d.trim().toLowerCase(Locale.ROOT).equals(wanted))).toList();
    }

    /** The server of this name or alias, or null. */
    Upstream named(String nameOrAlias) {
        String name = aliases.getOrDefault(nameOrAlias, nameOrAlias);
        return all.stream().filter(u -> u.name().equals(name)).findFirst().orElse(null);
    }

    List<String> names() {
        return all.stream().map(Upstream::name).toList();
    }
}
