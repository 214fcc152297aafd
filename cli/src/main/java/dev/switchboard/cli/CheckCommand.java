package dev.switchboard.cli;

import dev.switchboard.Switchboard;
import dev.switchboard.config.SwitchboardConfig;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code switchboard check CONFIG}: connects to every enabled server and reports how each one did. */
@Command(name = "check", description = {"Connect to every enabled server and report on each: state, transport, "
        + "server name and version, protocol, capabilities, tools/resources/prompts, connect time, errors.",
    "Exits 0 when every required server is READY, 1 otherwise. Servers are connected with their configured retry "
        + "policy; for a quick check use --set defaults.retry.attempts=1."})
final class CheckCommand extends ConfigCommand {

    @Option(names = "--json", description = "Print the report as JSON (schema in docs/cli.md).")
    boolean json;

    @Option(names = "--strict", description = "Fail (exit 1) unless every enabled server is READY, required or not.")
    boolean strict;

    @Override
    int execute() {
        SwitchboardConfig config = loadConfig();
        CheckReport report;
        try (Connections c = Connections.open(config, err())) {
            // One probe now, so that health is known rather than UNKNOWN.
            report = CheckReport.of(configFile.toString(), ServerReport.of(config, c.switchboard().checkHealth()),
                    strict);
        }
        print(json ? Json.write(report) : StatusPrinter.render(report, strict));
        return report.ok() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** The report of a running Switchboard, for commands that show it on the way (the demo). */
    static CheckReport report(String source, Switchboard sb) {
        List<ServerReport> servers = ServerReport.of(sb.config(), sb.status());
        return CheckReport.of(source, servers, false);
    }
}
