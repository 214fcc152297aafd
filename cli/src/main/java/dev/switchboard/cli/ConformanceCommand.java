package dev.switchboard.cli;

import dev.switchboard.ClientHandlers;
import dev.switchboard.Switchboard;
import dev.switchboard.ToolResult;
import dev.switchboard.config.HttpAuth;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.LogSettings;
import dev.switchboard.config.RetryPolicy;
import dev.switchboard.config.ServerOptions;
import dev.switchboard.config.SwitchboardConfig;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code switchboard conformance URL}: the client the official MCP conformance suite drives. It connects to the
 * scenario server at URL over Streamable HTTP with Switchboard's own connection code and does what the scenario
 * named in {@code MCP_CONFORMANCE_SCENARIO} expects; hidden from the main help.
 */
@Command(name = "conformance", hidden = true, description = {"Act as the client of an MCP conformance scenario "
        + "(name in MCP_CONFORMANCE_SCENARIO) at URL: connect over Streamable HTTP, call every tool with arguments "
        + "made from its input schema, accept elicitations (defaults applied), close."})
final class ConformanceCommand extends BaseCommand {
    static final String SCENARIO_VARIABLE = "MCP_CONFORMANCE_SCENARIO";
    private static final String SERVER = "conformance";

    @Parameters(index = "0", paramLabel = "URL", description = "The scenario server's MCP endpoint.")
    URI url;

    @Override
    int execute() throws IOException {
        String scenario = System.getenv().getOrDefault(SCENARIO_VARIABLE, "");
        var retry = RetryPolicy.builder().maxAttempts(1).maxBackoff(Duration.ofSeconds(1)).jitter(0).build();
        var options = ServerOptions.builder().required(true).connectTimeout(Duration.ofSeconds(20)).retry(retry)
                .build();
        HttpAuth auth = ConformanceAuth.settings(scenario, System.getenv(ConformanceAuth.CONTEXT_VARIABLE));
        var config = SwitchboardConfig.builder().servers(List.of(HttpServer.builder(SERVER, url).options(options)
                .auth(auth).build())).logging(logging(LogSettings.DEFAULT)).build();
        // The suite's scenarios ask to be accepted; the SDK fills in the schema's defaults for omitted fields.
        var handlers = ClientHandlers.NONE.withFormElicitation((server, request) ->
                new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, Map.of()))
                .withAuthorization(ConformanceAuth.followingRedirect());
        try (Switchboard sb = Switchboard.builder(config).handlers(handlers).start()) {
            if (scenario.equals("initialize")) {
                return ExitCodes.OK;
            }
            for (McpSchema.Tool tool : sb.tools(SERVER)) {
                ToolResult r = sb.call(SERVER, tool.name(), arguments(tool.inputSchema()), Duration.ofSeconds(20));
                error("conformance: " + tool.name() + (r.isError() ? " returned an error: " : " -> ") + r.text());
            }
        }
        return ExitCodes.OK;
    }

    /** Plausible arguments for a tool: a value of the right type for each property its schema names. */
    static Map<String, Object> arguments(Map<String, Object> schema) {
        Map<String, Object> args = new LinkedHashMap<>();
        if (schema == null || !(schema.get("properties") instanceof Map<?, ?> properties)) {
            return args;
        }
        int n = 1;
        for (Map.Entry<?, ?> p : properties.entrySet()) {
            Object type = p.getValue() instanceof Map<?, ?> m ? m.get("type") : null;
            args.put(String.valueOf(p.getKey()), switch (String.valueOf(type)) {
                case "number", "integer" -> n++;
                case "boolean" -> true;
                case "array" -> List.of();
                case "object" -> Map.of();
                default -> "test";
            });
        }
        return args;
    }
}
