package dev.switchboard.cli;

import dev.switchboard.config.SwitchboardConfig;
import java.nio.file.Path;
import picocli.CommandLine.Parameters;

/** A command that works on a configuration file, named by its first parameter. */
abstract class ConfigCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "CONFIG",
            description = "The configuration file: Switchboard YAML/JSON, an mcpServers JSON (Claude Desktop, "
                    + "Cursor), VS Code's mcp.json, or the legacy mcp_servers YAML.")
    Path configFile;

    /** Loads and validates the file with the {@code --set} overrides; a ConfigException ends the command (2). */
    final SwitchboardConfig loadConfig() {
        SwitchboardConfig config = loader().load(configFile);
        use(config);
        return config;
    }

    /**
     * Connects to every enabled server of the configuration, waiting until each has settled (optional ones
     * included: a check is thorough), probes each once (so health is known, not UNKNOWN), closes again, and reports
     * how each one did.
     */
    final CheckReport connectAndReport(SwitchboardConfig config, boolean strict) {
        try (Connections c = Connections.open(config, err(), true)) {
            return CheckReport.of(configFile.toString(), ServerReport.of(config, c.switchboard().checkHealth()),
                    strict);
        }
    }
}
