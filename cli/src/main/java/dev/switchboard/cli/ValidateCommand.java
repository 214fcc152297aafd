package dev.switchboard.cli;

import dev.switchboard.config.ServerConfig;
import dev.switchboard.config.SwitchboardConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code switchboard validate CONFIG}: loads and validates a configuration without connecting to anything. */
@Command(name = "validate", description = {"Check a configuration file without connecting to any server "
        + "(names, transports, URLs, priorities and the domains they share, timeouts, retry settings).",
    "Prints a one-line summary, or every problem found (one per line, as path: problem). With --connect, then "
        + "connects to every enabled server and reports as 'check' does; exit 1 if a required server failed."})
final class ValidateCommand extends ConfigCommand {

    @Option(names = "--connect", description = "Also connect to every enabled server and report on each.")
    boolean connect;

    @Override
    int execute() {
        SwitchboardConfig config = loadConfig();
        print(configFile + ": valid - " + summary(config));
        if (!connect) {
            return ExitCodes.OK;
        }
        CheckReport report = connectAndReport(config, false);
        print(StatusPrinter.render(report, false));
        return report.ok() ? ExitCodes.OK : ExitCodes.FAILED;
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
