package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.CallStats;
import dev.switchboard.ReloadResult;
import dev.switchboard.ServerStatus;
import dev.switchboard.Switchboard;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * The servers' part of the REST API: every server's status (connection, health, breaker, restarts, call numbers,
 * last error), and the operator's controls: enable, disable, reconnect, and reload from the configuration file.
 */
final class RestServers {
    private RestServers() {
    }

    static void list(RestExchange x) {
        Map<String, CallStats> stats = serverStats(x.switchboard);
        ObjectNode out = JsonRpc.object();
        var servers = out.putArray("servers");
        x.switchboard.status().stream().filter(s -> x.caller().maySee(s.name(), null))
                .forEach(s -> servers.add(server(s, stats.get(s.name()), x.trends())));
        x.json(200, out);
    }

    static void one(RestExchange x) {
        ServerStatus s = x.server(x.path("name"));
        x.json(200, server(s, serverStats(x.switchboard).get(s.name()), x.trends()));
    }

    static void enable(RestExchange x) {
        control(x, Switchboard::enable);
    }

    static void disable(RestExchange x) {
        control(x, Switchboard::disable);
    }

    static void reconnect(RestExchange x) {
        control(x, Switchboard::reconnect);
    }

    /** Reads the configuration file again and applies it; answers with what changed, by server name. */
    static void reload(RestExchange x) {
        mayControl(x);
        ReloadResult r = x.switchboard.reload();
        ObjectNode out = JsonRpc.object();
        names(out, "added", r.added());
        names(out, "removed", r.removed());
        names(out, "changed", r.changed());
        names(out, "unchanged", r.unchanged());
        x.json(200, out);
    }

    private static void names(ObjectNode out, String field, List<String> names) {
        names.forEach(out.putArray(field)::add);
    }

    private static void control(RestExchange x, BiFunction<Switchboard, String, ServerStatus> action) {
        ServerStatus s = x.server(x.path("name"));
        mayControl(x);
        ServerStatus after = action.apply(x.switchboard, s.name());
        x.json(200, server(after, serverStats(x.switchboard).get(after.name()), x.trends()));
    }

    private static void mayControl(RestExchange x) {
        if (!x.caller().mayControl()) {
            throw RestProblem.request(RestProblems.FORBIDDEN, "this token may not enable, disable, reconnect or"
                    + " reload servers (the token's control setting allows it)");
        }
    }

    static Map<String, CallStats> serverStats(Switchboard switchboard) {
        return switchboard.stats().stream().filter(s -> s.tool() == null)
                .collect(Collectors.toMap(CallStats::server, s -> s, (a, b) -> a));
    }

    /** One server as the API shows it; with {@code trends}, its figures of the last minute too. */
    static ObjectNode server(ServerStatus s, CallStats stats, ServerTrends trends) {
        ObjectNode out = JsonRpc.object();
        out.put("name", s.name());
        out.put("transport", s.transport().configName());
        out.put("state", s.state().name());
        out.put("required", s.required());
        out.put("priority", s.priority());
        out.put("protocolVersion", s.protocolVersion());
        ObjectNode info = out.putObject("serverInfo");
        info.put("name", s.serverName());
        info.put("version", s.serverVersion());
        s.capabilities().forEach(out.putArray("capabilities")::add);
        out.put("tools", s.toolCount());
        out.put("resources", s.resourceCount());
        out.put("prompts", s.promptCount());
        RestJson.instant(out, "connectedAt", s.connectedAt());
        RestJson.millis(out, "connectMs", s.connectDuration());
        out.put("attempts", s.attempts());
        out.put("restarts", s.health().restarts());
        out.set("health", health(s.health()));
        ObjectNode breaker = out.putObject("breaker");
        breaker.put("state", s.breaker().name());
        RestJson.instant(breaker, "changedAt", s.breakerChangedAt());
        out.set("calls", calls(stats));
        if (trends != null) {
            out.set("recent", trends.json(s.name(), stats));
        }
        RestJson.error(out, "lastError", s.lastError());
        return out;
    }

    private static ObjectNode health(ServerStatus.Health h) {
        ObjectNode out = JsonRpc.object();
        out.put("state", h.state().name());
        out.put("reason", h.reason());
        RestJson.millis(out, "latencyMs", h.lastResponse());
        RestJson.millis(out, "averageLatencyMs", h.averageResponse());
        out.put("consecutiveFailures", h.consecutiveFailures());
        RestJson.instant(out, "lastSuccess", h.lastSuccess());
        RestJson.millis(out, "uptimeMs", h.uptime());
        RestJson.error(out, "lastError", h.lastError());
        return out;
    }

    private static ObjectNode calls(CallStats stats) {
        ObjectNode out = JsonRpc.object();
        out.put("total", stats == null ? 0 : stats.calls());
        out.put("failed", stats == null ? 0 : stats.errorCount());
        out.put("inFlight", stats == null ? 0 : stats.inFlight());
        ObjectNode errors = out.putObject("errors");
        if (stats != null && stats.calls() > 0) { // no latency before the first call ended
            stats.errors().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> errors.put(e.getKey().name(), e.getValue()));
            RestJson.millis(out, "p50Ms", stats.p50());
            RestJson.millis(out, "p95Ms", stats.p95());
            RestJson.millis(out, "p99Ms", stats.p99());
        }
        return out;
    }
}
