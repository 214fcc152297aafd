package dev.switchboard.gateway;

import dev.switchboard.config.ServerConfig;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakePrompt;
import dev.switchboard.testing.FakeResource;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.Scenario;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The servers the dashboard's browser tests and screenshots show: alpha (a tool with a rich input schema, a
 * resource, a prompt), beta
 * (a stdio process the tests kill) and broken (a command that exits at once, so it never connects).
 */
final class Dashboards {
    static final Scenario ALPHA = FakeMcpServer.builder().name("alpha").tool(FakeTool.echo("search")
            .withDescription("Searches the catalog; answers with the arguments it got")
            .withInputSchema(searchSchema()), FakeTool.text("status", "all good"))
            .resource(FakeResource.text("mem://notes", "notes", "text/plain", "remember the milk"))
            .prompt(FakePrompt.of("greet", "Greets someone", List.of("who"), "Hello {{who}}!")).build();
    static final Scenario BETA = FakeMcpServer.builder().name("beta").tool(FakeTool.echo("echo")).build();

    private Dashboards() {
    }

    static List<ServerConfig> servers() {
        return List.of(Fixture.stdio("alpha", ALPHA), Fixture.stdio("beta", BETA),
                Fixture.stdio("broken", List.of("sh", "-c", "echo 'cannot open the database' >&2; exit 3")));
    }

    /** Every kind of field the generated form has: text, integer, number, enum, boolean, array, nested object. */
    private static Map<String, Object> searchSchema() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("query", Map.of("type", "string", "description", "What to look for"));
        properties.put("count", Map.of("type", "integer", "default", 3, "minimum", 1));
        properties.put("ratio", Map.of("type", "number"));
        properties.put("mode", Map.of("type", "string", "enum", List.of("fast", "exact"), "default", "exact"));
        properties.put("verbose", Map.of("type", "boolean", "default", false));
        properties.put("tags", Map.of("type", "array", "items", Map.of("type", "string"), "default", List.of("a")));
        properties.put("filter", Map.of("type", "object", "properties", Map.of(
                "owner", Map.of("type", "string", "default", "ada"), "limit", Map.of("type", "integer"))));
        return Map.of("type", "object", "required", List.of("query", "count"), "properties", properties);
    }
}
