package dev.switchboard.internal.engine;

import dev.switchboard.config.ServerConfig;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.internal.call.ServerGuard;
import dev.switchboard.internal.catalog.Catalog;
import dev.switchboard.internal.health.HealthMonitor;
import dev.switchboard.internal.observe.LogGate;
import dev.switchboard.internal.resources.Resources;
import dev.switchboard.internal.status.StatusSnapshot;
import dev.switchboard.internal.upstream.Upstream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a call, a read or a status needs to find its server, as one immutable snapshot: the configuration,
 * each server's connection, health monitor and guard, the aliases, the catalog and the resources view. A change
 * (enable, disable, reconnect, reload) builds a new one and swaps it in with a single write, so no reader ever sees
 * half of a change.
 */
record Routing(SwitchboardConfig config, Map<String, Route> routes, Map<String, String> aliases, Catalog catalog,
        Resources resources) {

    /** One server as calls reach it. */
    record Route(Upstream upstream, HealthMonitor health, ServerGuard guard) {
        String name() {
            return upstream.name();
        }

        /** The server's status with its health and its breaker. */
        StatusSnapshot status() {
            return health.status().withBreaker(guard.state(), guard.changedAt());
        }
    }

    Routing {
        routes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(routes));
        aliases = Map.copyOf(aliases);
    }

    /**
     * Builds the snapshot of these routes, in configuration order; {@code previous} keeps the gather totals, and
     * {@code gate} is the instance's log gate.
     */
    static Routing of(SwitchboardConfig config, Map<String, Route> routes, Routing previous, LogGate gate) {
        Map<String, String> aliases = new LinkedHashMap<>();
        for (ServerConfig s : config.servers()) {
            s.options().aliases().forEach(a -> aliases.put(a, s.name()));
        }
        List<Upstream> ups = routes.values().stream().map(Route::upstream).toList();
        var o = config.orchestration();
        Catalog catalog = new Catalog(ups, o, gate);
        Resources resources = previous == null
                ? new Resources(ups, aliases, o.resources(), o.nameSeparator(), gate)
                : previous.resources().over(ups, aliases, o.resources(), o.nameSeparator());
        return new Routing(config, routes, aliases, catalog, resources);
    }

    /** The route of a server by name or alias, or null. */
    Route find(String nameOrAlias) {
        Route r = routes.get(nameOrAlias);
        if (r == null) {
            String name = aliases.get(nameOrAlias);
            r = name == null ? null : routes.get(name);
        }
        return r;
    }
}
