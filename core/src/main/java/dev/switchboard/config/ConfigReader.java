package dev.switchboard.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads the normalised, interpolated tree into the parts of a {@link SwitchboardConfig}, collecting problems. */
final class ConfigReader {
    static final List<String> DEFAULT_KEYS = List.of("connect_timeout", "request_timeout", "required", "retry",
            "shutdown_grace", "priority", "tools", "health", "restart",
            "calls", "roots", "session");
    private static final String DISABLED_NOTE = " [ignored while the server is disabled]";

    /** The parts read, with one outcome per server in file order (including servers that had problems). */
    record Result(List<ServerReader.Outcome> outcomes, Orchestration orchestration, LogSettings logging,
            GatewaySettings gateway) {
        List<ServerConfig> servers() {
            return outcomes.stream().map(ServerReader.Outcome::server).filter(Objects::nonNull).toList();
        }

        /** The disabled servers' names (a set: asked once per unset variable, of which there may be thousands). */
        Set<String> disabled() {
            return outcomes.stream().filter(o -> !o.enabled()).map(ServerReader.Outcome::name)
                    .collect(Collectors.toSet());
        }
    }

    private ConfigReader() {
    }

    static Result read(Object tree, Map<String, String> environment, Problems problems) {
        Section top = Section.of(tree, "", problems, "a map");
        top.rejectUnknown(Formats.TOP_KEYS);
        Orchestration orchestration = OrchestrationReader.read(top.section("orchestration",
                OrchestrationReader.EXPECTED));
        LogSettings logging = logging(top.section("logging", "a map with enabled, level, format"));
        GatewaySettings gateway = GatewayReader.read(top.section("gateway", GatewayReader.EXPECTED));
        Section d = top.section("defaults", "a map with " + String.join(", ", DEFAULT_KEYS));
        d.rejectUnknown(DEFAULT_KEYS);
        // fail_fast only changes the default of required; defaults.required and a server's own required win.
        ServerOptions base = OptionsReader.read(d, ServerOptions.builder().required(orchestration.failFast()).build());
        Duration grace = d.duration("shutdown_grace");
        if (grace != null && grace.isNegative()) {
            d.error("shutdown_grace", Section.shown(d.raw("shutdown_grace")) + " is negative (expected: 0s or more)");
        }
        ServerReader reader = new ServerReader(base, grace == null || grace.isNegative()
                ? StdioServer.DEFAULT_SHUTDOWN_GRACE : grace, environment);
        List<ServerReader.Outcome> outcomes = servers(top.raw("servers"), reader, problems);
        Map<String, ServerOptions> options = new LinkedHashMap<>();
        outcomes.stream().filter(r -> r.options() != null).forEach(r -> options.put(r.name(), r.options()));
        CrossChecks.aliases(outcomes.stream().map(ServerReader.Outcome::name).toList(), options, problems);
        CrossChecks.priorities(options, problems);
        CrossChecks.allDisabled(outcomes.stream().map(ServerReader.Outcome::enabled).toList(), problems);
        CrossChecks.tokenServers(gateway, outcomes.stream().map(ServerReader.Outcome::name).toList(), problems);
        CrossChecks.ruleServers(gateway, outcomes.stream().map(ServerReader.Outcome::name).toList(), problems);
        return new Result(outcomes, orchestration, logging, gateway);
    }

    private static List<ServerReader.Outcome> servers(Object value, ServerReader reader, Problems problems) {
        if (value == null || value instanceof Map<?, ?> m && m.isEmpty()) {
            problems.error("servers", "no servers configured (expected: at least one server under servers:)");
            return List.of();
        }
        if (!(value instanceof Map<?, ?> m)) {
            problems.error("servers", "is " + Tree.describe(value) + " (expected: a map from server name to server,"
                    + " e.g. servers: {github: {command: npx}})");
            return List.of();
        }
        Map<String, Object> servers = Tree.asMap(m);
        if (servers.size() > Limits.SERVERS) {
            problems.error("servers", "has " + servers.size() + " servers (expected: at most " + Limits.SERVERS
                    + "; run several Switchboards for more)");
            return List.of();
        }
        CrossChecks.names(servers.keySet(), problems);
        List<ServerReader.Outcome> outcomes = new ArrayList<>();
        servers.forEach((name, server) -> {
            ServerReader.Outcome outcome = reader.read(name, server);
            // A disabled server is still checked, but need not be fixed before the others can be used.
            problems.absorb(outcome.problems(), !outcome.enabled(), DISABLED_NOTE);
            outcomes.add(outcome);
        });
        return outcomes;
    }

    private static LogSettings logging(Section l) {
        l.rejectUnknown(List.of("enabled", "level", "format"));
        String level = l.string("level");
        if (level != null) {
            level = switch (level.trim().toUpperCase(Locale.ROOT)) {
                case "WARNING" -> "WARN"; // the legacy format used Python's level names
                case "CRITICAL", "FATAL" -> "ERROR";
                default -> level.trim().toUpperCase(Locale.ROOT);
            };
            if (!LogSettings.LEVELS.contains(level)) {
                l.error("level", Section.shown(l.raw("level")) + " is not a log level (expected: TRACE, DEBUG, INFO,"
                        + " WARN or ERROR)");
                level = null;
            }
        }
        String format = l.string("format");
        if (format != null && !List.of("console", "json").contains(format.trim().toLowerCase(Locale.ROOT))) {
            l.error("format", Section.shown(format) + " is not a log format (expected: console or json)");
            format = null;
        }
        LogSettings.Builder b = LogSettings.builder();
        OptionsReader.set(l.bool("enabled"), b::enabled);
        OptionsReader.set(level, b::level);
        OptionsReader.set(format == null ? null : format.trim(), b::format);
        return b.build();
    }
}
