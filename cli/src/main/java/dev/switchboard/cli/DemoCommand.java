package dev.switchboard.cli;

import dev.switchboard.Switchboard;
import dev.switchboard.ToolResult;
import dev.switchboard.config.SwitchboardConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code switchboard demo}: the first thing to run. Starts three fake MCP servers as child processes (one of them
 * disabled), shows what {@code check}, {@code tools} and {@code call} print for them, and closes everything. Needs
 * no configuration file and no network beyond this machine's processes.
 */
@Command(name = "demo", description = {"Run a self-contained tour: start fake MCP servers as child processes, show "
        + "what check, tools and call print for them, and close everything. No setup, no network.",
    "--set applies to the demo's built-in configuration, e.g. --set servers.archive.enabled=true."})
final class DemoCommand extends BaseCommand {

    @Override
    int execute() {
        SwitchboardConfig config = loader().parse(DemoServers.configJson(), DemoServers.SOURCE);
        use(config);
        print("Switchboard demo: three MCP servers described in memory. 'catalog' and 'orders' are fake servers "
                + "started\nas child processes over stdio; 'archive' is disabled in the configuration. No files, "
                + "no network.");
        try (Connections c = Connections.open(config, err())) {
            Switchboard sb = c.switchboard();
            section("1. switchboard check CONFIG: connect to every enabled server and report on each");
            print(StatusPrinter.render(CheckCommand.report(DemoServers.SOURCE, sb), false));
            section("2. switchboard tools CONFIG: every tool of every connected server");
            print(toolTable(sb));
            section("3. switchboard call CONFIG catalog find_product --args '{\"sku\": \"A-100\"}'");
            ToolResult found = sb.call("catalog", "find_product", Map.of("sku", "A-100"));
            print(ResultPrinter.render(found.result()));
            print("(answered in " + DurationText.format(found.duration()) + ")");
            section("4. switchboard call CONFIG orders cancel_order: a tool that reports an error");
            ToolResult refused = sb.call("orders", "cancel_order", Map.of("order", 1001));
            print("The tool answered with isError: true. That is the tool's answer, not a failure of the server:"
                    + "\n'call' prints it on stderr and exits 1. The tool said:\n  " + refused.text());
        }
        print("\nDone: every connection closed and every child process stopped.\n"
                + "Next: describe your own servers in a file (docs/configuration.md) and run "
                + "'switchboard check FILE'.");
        return ExitCodes.OK;
    }

    private void section(String title) {
        print("\n== " + title + " ==");
    }

    private static String toolTable(Switchboard sb) {
        List<String> rows = new ArrayList<>();
        sb.tools().forEach((server, tools) -> tools.forEach(t -> rows.add(String.format("%-9s%-15s%s", server,
                t.name(), ToolsCommand.firstLine(t.description())))));
        return String.format("%-9s%-15s%s%n", "SERVER", "TOOL", "DESCRIPTION") + String.join("\n", rows);
    }
}
