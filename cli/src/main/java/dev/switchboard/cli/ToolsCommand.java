package dev.switchboard.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.switchboard.ServerState;
import dev.switchboard.ServerStatus;
import dev.switchboard.Switchboard;
import dev.switchboard.config.SwitchboardConfig;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code switchboard tools CONFIG}: every tool of every server that connected. */
@Command(name = "tools", description = {"List the tools of every connected server: server, tool, first line of "
        + "its description. Servers that did not connect are noted on stderr.",
    "Exits 0 when every required server connected, 1 otherwise."})
final class ToolsCommand extends ConfigCommand {

    @Option(names = "--json", description = "Print every tool in full (schema in docs/cli.md).")
    boolean json;

    /**
     * One tool with the server that offers it, as {@code tools --json} prints it.
     *
     * @param server the server's configured name (use it with {@code call})
     * @param name the tool's name on that server
     * @param title the tool's display title, or null
     * @param description the tool's description, or null
     * @param inputSchema the JSON schema of its arguments
     * @param outputSchema the JSON schema of its structured result, or null
     * @param annotations its hints (readOnlyHint, destructiveHint, ...), or null
     */
    @JsonPropertyOrder({"server", "name", "title", "description", "inputSchema", "outputSchema", "annotations"})
    record ToolEntry(String server, String name, String title, String description, Map<String, Object> inputSchema,
            Map<String, Object> outputSchema, McpSchema.ToolAnnotations annotations) {
        static ToolEntry of(String server, McpSchema.Tool t) {
            return new ToolEntry(server, t.name(), t.title(), t.description(), t.inputSchema(), t.outputSchema(),
                    t.annotations());
        }
    }

    /**
     * The document {@code tools --json} prints.
     *
     * @param tools every tool of every connected server, in configuration order
     * @param unavailable the enabled servers that did not connect, so their tools are missing
     */
    @JsonPropertyOrder({"tools", "unavailable"})
    record ToolsReport(List<ToolEntry> tools, List<ServerReport> unavailable) {
    }

    @Override
    int execute() {
        SwitchboardConfig config = loadConfig();
        List<ToolEntry> tools = new ArrayList<>();
        List<ServerReport> unavailable = new ArrayList<>();
        List<ServerStatus> statuses;
        try (Connections c = Connections.open(config, err())) {
            Switchboard sb = c.switchboard();
            statuses = sb.status();
            sb.tools().forEach((server, list) -> list.forEach(t -> tools.add(ToolEntry.of(server, t))));
            for (ServerStatus s : statuses) {
                if (!s.ready() && s.state() != ServerState.DISABLED) {
                    unavailable.add(ServerReport.of(s, config.server(s.name()).orElse(null)));
                }
            }
        }
        unavailable.forEach(s -> error("note: server '" + s.name() + "' is " + s.state()
                + (s.error() == null ? "" : " (" + s.error().code() + ": " + s.error().message() + ")")
                + "; its tools are not listed"));
        print(json ? Json.write(new ToolsReport(tools, unavailable)) : table(tools));
        return Connections.requiredReady(statuses) ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private static String table(List<ToolEntry> tools) {
        if (tools.isEmpty()) {
            return "(no tools: no connected server offers any)";
        }
        int serverWidth = Math.max(6, tools.stream().mapToInt(t -> t.server().length()).max().orElse(0)) + 2;
        int toolWidth = Math.max(4, tools.stream().mapToInt(t -> t.name().length()).max().orElse(0)) + 2;
        String row = "%-" + serverWidth + "s%-" + toolWidth + "s%s";
        StringBuilder sb = new StringBuilder(String.format(row, "SERVER", "TOOL", "DESCRIPTION").strip());
        for (ToolEntry t : tools) {
            sb.append('\n').append(String.format(row, t.server(), t.name(), firstLine(t.description())).strip());
        }
        return sb.toString();
    }

    static String firstLine(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        return text.strip().lines().findFirst().orElse("").strip();
    }
}
