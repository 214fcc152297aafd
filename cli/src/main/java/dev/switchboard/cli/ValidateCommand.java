package dev.switchboard.cli;

import dev.switchboard.config.ServerConfig;
import dev.switchboard.config.SwitchboardConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/** {@code switchboard validate CONFIG}: loads and validates a configuration without connecting to anything. */
@Command(name = "validate", description = {"Check a configuration file without connecting to any server.",
    "Prints a one-line summary, or every problem found (one per line, as path: problem)."})
final class ValidateCommand extends ConfigCommand {

    @Override
    int execute() {
        SwitchboardConfig config = loadConfig();
        print(configFile + ": valid - " + summary(config));
        return ExitCodes.OK;
    }

    /** e.g. {@code 5 servers (4 enabled: 3 stdio, 1 streamable-http), 1 warning}. */
    static String summary(SwitchboardConfig config) {
        List<ServerConfig> servers = config.servers();
        List<ServerConfig> enabled = servers.stream().filter(s -> s.options().enabled()).toList();
        Map<String, Long> byTransport = enabled.stream().collect(Collectors.groupingBy(
                s -> s.transport().configName(), LinkedHashMap::new, Collectors.counting()));
        String transports = byTransport.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
        int warnings = config.warnings().size();
        return StatusPrinter.plural(servers.size(), "server") + " (" + enabled.size() + " enabled"
                + (transports.isEmpty() ? "" : ": " + transports) + "), "
                + StatusPrinter.plural(warnings, "warning");
    }
}
