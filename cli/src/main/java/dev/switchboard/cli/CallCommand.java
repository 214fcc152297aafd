package dev.switchboard.cli;

import dev.switchboard.CallOptions;
import dev.switchboard.Switchboard;
import dev.switchboard.ToolCall;
import dev.switchboard.ToolResult;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.config.SwitchboardConfig;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code switchboard call CONFIG NAME} or {@code call CONFIG SERVER TOOL}: calls one tool and prints the result.
 */
@Command(name = "call", description = {"Call one tool and print its result: text as text, other content "
        + "summarised, structured content as JSON.",
    "NAME is a qualified name (server__tool, as 'tools' lists it) or a bare tool name, which goes to the "
        + "highest-priority server offering it; or give SERVER and TOOL. With SERVER TOOL only that server is "
        + "connected. Exits 1 when the call fails or the tool reports an error (its message on stderr)."})
final class CallCommand extends ConfigCommand {

    @Parameters(index = "1", paramLabel = "NAME|SERVER",
            description = "A qualified or bare tool name; or, followed by TOOL, the server's name or alias.")
    String nameOrServer;

    @Parameters(index = "2", arity = "0..1", paramLabel = "TOOL", description = "The tool's name on SERVER.")
    String tool;

    @Option(names = "--args", paramLabel = "JSON|@FILE", converter = ToolArguments.Converter.class,
            description = "The arguments: a JSON object, or @ and a file holding one (default: {}).")
    ToolArguments arguments = ToolArguments.NONE;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationText.class,
            description = "How long to wait for the result, e.g. 500ms, 30s, 5m (default: the server's "
                    + "request_timeout).")
    Duration timeout;

    @Option(names = "--json", description = "Print the whole MCP result with server, tool and durationMs.")
    boolean json;

    @Override
    int execute() {
        SwitchboardConfig config = tool == null ? loadConfig() : onlyServer(loadConfig(), nameOrServer);
        ToolResult result;
        try (Connections c = Connections.open(config, err())) {
            result = call(c.switchboard());
        }
        if (json) {
            print(Json.write(CallReport.of(result)));
        } else if (!result.isError()) {
            print(ResultPrinter.render(result.result()));
        }
        if (result.isError()) {
            error("error: TOOL_ERROR: tool '" + result.tool() + "' of server '" + result.server()
                    + "' reported an error: " + result.text());
            return ExitCodes.FAILED;
        }
        return ExitCodes.OK;
    }

    /**
     * Calls without waiting for a server that is down to come back: startup already waited for every server's
     * first attempt, and a one-shot command should say at once that the server is down rather than hold the
     * user for the whole deadline.
     */
    private ToolResult call(Switchboard sb) {
        CallOptions options = CallOptions.DEFAULT.withWaitForReady(false);
        if (timeout != null) {
            options = options.withTimeout(timeout);
        }
        return tool == null ? sb.callTool(nameOrServer, arguments.values(), options)
                : sb.call(ToolCall.of(nameOrServer, tool, arguments.values()), options);
    }

    /**
     * The configuration with every server but the one named (or aliased) disabled: a call needs one connection,
     * and an unrelated broken server must not fail it. An unknown name leaves all disabled, so that the call
     * fails with core's UNKNOWN_SERVER message, which lists the known names.
     */
    static SwitchboardConfig onlyServer(SwitchboardConfig config, String nameOrAlias) {
        List<ServerConfig> servers = config.servers().stream()
                .map(s -> named(s, nameOrAlias) ? s : s.withOptions(s.options().withEnabled(false)))
                .toList();
        return config.toBuilder().servers(servers).build();
    }

    private static boolean named(ServerConfig s, String nameOrAlias) {
        return s.name().equals(nameOrAlias) || s.options().aliases().contains(nameOrAlias);
    }
}
