package dev.switchboard.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.switchboard.CatalogEntry;
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

/** {@code switchboard tools CONFIG}: Switchboard's merged tool catalog. */
@Command(name = "tools", description = {"List the merged tool catalog: the qualified name to call each tool by, "
        + "its server, whether it is available now, which server a bare name reaches when several offer it, and "
        + "the first line of its description. Servers that did not connect are noted on stderr.",
    "Exits 0 when every required server connected, 1 otherwise."})
final class ToolsCommand extends ConfigCommand {

    @Option(names = "--json", description = "Print every tool in full (schema in docs/cli.md).")
    boolean json;

    /**
     * One tool with the server that offers it, as {@code tools --json} prints it.
     *
     * @param qualifiedName the unique name to call it by ({@code call CONFIG NAME})
     * @param available whether its server is connected now
     * @param bareNameServer the server a call by the bare tool name reaches
     * @param alsoOfferedBy the other servers offering a tool of the same name
     * @param server the server's configured name (use it with {@code call})
     * @param name the tool's name on that server
     * @param title the tool's display title, or null
     * @param description the tool's description, or null
     * @param inputSchema the JSON schema of its arguments
     * @param outputSchema the JSON schema of its structured result, or null
     * @param annotations its hints (readOnlyHint, destructiveHint, ...), or null
     */
    @JsonPropertyOrder({"qualifiedName", "available", "bareNameServer", "alsoOfferedBy", "server", "name", "title",
        "description", "inputSchema", "outputSchema", "annotations"})
    record ToolEntry(String qualifiedName, boolean available, String bareNameServer, List<String> alsoOfferedBy,
            String server, String name, String title, String description, Map<String, Object> inputSchema,
            Map<String, Object> outputSchema, McpSchema.ToolAnnotations annotations) {
        static ToolEntry of(CatalogEntry e) {
            McpSchema.Tool t = e.definition();
            return new ToolEntry(e.qualifiedName(), e.available(), e.bareNameServer(), e.alsoOfferedBy(),
                    e.server(), t.name(), t.title(), t.description(), t.inputSchema(), t.outputSchema(),
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
            sb.catalog().forEach(e -> tools.add(ToolEntry.of(e)));
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
        int nameWidth = Math.max(4, tools.stream().mapToInt(t -> t.qualifiedName().length()).max().orElse(0)) + 2;
        int serverWidth = Math.max(6, tools.stream().mapToInt(t -> t.server().length()).max().orElse(0)) + 2;
        String row = "%-" + nameWidth + "s%-" + serverWidth + "s%-11s%s";
        StringBuilder sb = new StringBuilder(String.format(row, "NAME", "SERVER", "STATUS", "DESCRIPTION").strip());
        for (ToolEntry t : tools) {
            sb.append('\n').append(String.format(row, t.qualifiedName(), t.server(),
                    t.available() ? "available" : "down", firstLine(t.description()) + shared(t)).strip());
        }
        return sb.toString();
    }

    /** For a name several servers offer: where the bare name goes. */
    private static String shared(ToolEntry t) {
        if (t.alsoOfferedBy().isEmpty()) {
            return "";
        }
        return t.server().equals(t.bareNameServer()) ? "  [bare '" + t.name() + "' -> here; also on "
                + String.join(", ", t.alsoOfferedBy()) + "]"
                : "  [bare '" + t.name() + "' -> " + t.bareNameServer() + "]";
    }

    static String firstLine(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        return text.strip().lines().findFirst().orElse("").strip();
    }
}
