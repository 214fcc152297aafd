package dev.switchboard.cli;

import dev.switchboard.Switchboard;
import dev.switchboard.ToolResult;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.gateway.Gateway;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code switchboard demo}: the first thing to run. Starts three fake MCP servers as child processes (one of them
 * disabled), shows what {@code check}, {@code tools} and {@code call} print for them, serves them on one MCP
 * endpoint that a real MCP client lists and calls through, and closes everything. Needs
 * no configuration file and no network beyond this machine's processes.
 */
@Command(name = "demo", description = {"Run a self-contained tour: start fake MCP servers as child processes, show "
        + "what check, tools and call print for them, serve them on one MCP endpoint that an MCP client uses, and close "
        + "everything. No setup, no network beyond loopback.",
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
            section("5. switchboard serve CONFIG: the same servers behind one MCP endpoint, for any MCP client");
            throughGateway(sb, config);
        }
        print("\nDone: every connection closed and every child process stopped.\n"
                + "Next: describe your own servers in a file (docs/configuration.md) and run "
                + "'switchboard check FILE',\nthen 'switchboard serve FILE' to give every MCP client all of them at once.");
        return ExitCodes.OK;
    }

    /** Starts the gateway on a free loopback port and uses it with a real MCP client, as an MCP host would. */
    private void throughGateway(Switchboard sb, SwitchboardConfig config) {
        try (Gateway gateway = Gateway.start(sb, config.gateway().toBuilder().host("127.0.0.1").port(0).build());
                DemoClient client = new DemoClient(gateway.url())) {
            print("The gateway listens on " + gateway.url() + ". An MCP client (the MCP Java SDK's) connected"
                    + " to it\n(the server introduced itself as '" + client.serverName() + "') and listed one tool"
                    + " list for both servers:\n  " + String.join(", ", client.toolNames()));
            McpSchema.CallToolResult r = client.call("catalog__find_product", Map.of("sku", "A-100"));
            print("It called catalog__find_product {\"sku\": \"A-100\"} through the gateway and got:\n"
                    + ResultPrinter.render(r));
        }
        print("(gateway stopped)");
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
