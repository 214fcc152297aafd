package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakePrompt;
import dev.switchboard.testing.FakeResource;
import dev.switchboard.testing.FakeResourceTemplate;
import dev.switchboard.testing.FakeTool;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document cannot drift from the API: the router's routes are exactly the documented operations, every
 * documented operation is called here with a valid request and answers 200 with a body that fits its documented
 * schema (every test's {@link RestClient} checks status and schema too), and every documented path refuses the
 * methods it does not take with 405 and an {@code Allow} header that lists the documented ones.
 */
class DocumentsEveryRouteInOpenApiTest {
    private static Fixture fixture;
    private static RestClient rest;

    /** A valid request for every operation; a new route without one here fails {@link #everyOperationAnswers}. */
    private static final Map<String, Function<RestClient, RestClient.Answer>> EXAMPLES = Map.ofEntries(
            Map.entry("getOpenApi", r -> r.get("/api/v1/openapi.json")),
            Map.entry("getCaller", r -> r.get("/api/v1/me")),
            Map.entry("streamEvents", r -> r.firstEvent("/api/v1/events?server=alpha")),
            Map.entry("listServers", r -> r.get("/api/v1/servers")),
            Map.entry("getServer", r -> r.get("/api/v1/servers/alpha")),
            Map.entry("enableServer", r -> r.post("/api/v1/servers/beta/enable", "")),
            Map.entry("disableServer", r -> r.post("/api/v1/servers/beta/disable", "")),
            Map.entry("reconnectServer", r -> r.post("/api/v1/servers/beta/reconnect", "")),
            Map.entry("reload", r -> r.post("/api/v1/reload", "")),
            Map.entry("listTools", r -> r.get("/api/v1/tools?server=alpha&q=echo")),
            Map.entry("callTool", r -> r.post("/api/v1/call", "{\"tool\": \"alpha__echo\", \"arguments\": {\"a\": 1},"
                    + " \"timeout\": \"10s\"}")),
            Map.entry("callTools", r -> r.post("/api/v1/calls", "{\"calls\": [{\"tool\": \"echo\"},"
                    + " {\"tool\": \"alpha__broken\"}], \"maxConcurrency\": 2, \"timeout\": \"10s\","
                    + " \"totalTimeout\": \"20s\", \"policy\": \"collect\"}")),
            Map.entry("listResources", r -> r.get("/api/v1/resources")),
            Map.entry("gatherResources", r -> r.post("/api/v1/resources/gather", "{\"policy\": \"best-effort\","
                    + " \"serverTimeout\": \"10s\", \"timeout\": \"20s\"}")),
            Map.entry("readResource", r -> r.get("/api/v1/resources/read?uri=mem://notes")),
            Map.entry("listResourceTemplates", r -> r.get("/api/v1/resources/templates")),
            Map.entry("resolve", r -> r.get("/api/v1/resolve?entity=notes")),
            Map.entry("listPrompts", r -> r.get("/api/v1/prompts")),
            Map.entry("getPrompt", r -> r.post("/api/v1/prompts/get", "{\"name\": \"greet\", \"arguments\":"
                    + " {\"who\": \"Ada\"}}")));

    @BeforeAll
    static void start() {
        fixture = Fixture.start(List.of(
                Fixture.stdio("alpha", FakeMcpServer.builder()
                        .tool(FakeTool.echo("echo"), FakeTool.error("broken", "disk full"))
                        .resource(FakeResource.text("mem://notes", "notes", "text/plain", "remember"))
                        .resourceTemplate(FakeResourceTemplate.of("mem://items/{id}", "item", "text/plain", "an item"))
                        .prompt(FakePrompt.of("greet", "Greets someone", List.of("who"), "Hello {{who}}!")).build()),
                Fixture.stdio("beta", FakeMcpServer.builder().tool(FakeTool.text("lookup", "found")).build())));
        rest = new RestClient(fixture.url());
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void theDocumentIsOpenApi31AndDescribesTheErrorTable() {
        JsonNode doc = rest.document();

        assertThat(doc.path("openapi").asText()).startsWith("3.1.");
        assertThat(doc.path("info").path("description").asText()).contains("| UNKNOWN_TOOL | 404 |",
                "| CIRCUIT_OPEN | 503 |", "| TIMEOUT | 504 |", "| INVALID_ARGUMENTS | 422 |");
        List<String> codes = new ArrayList<>();
        doc.path("components").path("schemas").path("Problem").path("properties").path("code").path("enum")
                .forEach(c -> codes.add(c.asText()));
        assertThat(codes).contains("UNKNOWN_TOOL", "SERVER_UNAVAILABLE", "MALFORMED_REQUEST", "RATE_LIMITED");
    }

    @Test
    void theSchemaCheckOfEveryAnswerRejectsWhatDoesNotFit() {
        var server = RestClient.JSON.createObjectNode().put("name", "alpha");
        var problem = rest.get("/api/v1/servers/gamma").json();

        assertThatThrownBy(() -> rest.validate("Server", server))
                .isInstanceOf(AssertionError.class).hasMessageContaining("transport");
        assertThatThrownBy(() -> rest.validate("Problem",
                ((ObjectNode) problem.deepCopy()).put("undocumented", 1))).isInstanceOf(AssertionError.class);
        rest.validate("Problem", problem);
    }

    @Test
    void theRouterServesExactlyTheDocumentedOperations() {
        Set<String> routed = RestRoutes.all().stream().map(r -> r.method + " " + r.path)
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(new TreeSet<>(rest.documentedOperations())).isEqualTo(routed);
        assertThat(RestRoutes.all()).allSatisfy(r -> assertThat(r.action).as(r.path).isNotNull());
    }

    @Test
    void everyOperationAnswers() {
        Set<String> ids = new TreeSet<>();
        rest.document().path("paths").forEach(p -> p.forEach(op -> ids.add(op.path("operationId").asText())));
        assertThat(ids).as("every documented operation has an example here").isEqualTo(EXAMPLES.keySet().stream()
                .collect(Collectors.toCollection(TreeSet::new)));

        // The server control operations run in this order so that beta ends as it started: enabled.
        for (String id : List.of("getOpenApi", "getCaller", "streamEvents", "listServers", "getServer", "disableServer", "enableServer",
                "reconnectServer", "listTools", "callTool", "callTools", "listResources", "gatherResources",
                "readResource", "listResourceTemplates", "resolve", "listPrompts", "getPrompt")) {
            RestClient.Answer a = EXAMPLES.get(id).apply(rest); // status and schema checked against the document
            assertThat(a.status()).as(id + ": " + a.body()).isEqualTo(200);
        }
        // Started from a configuration in memory there is no file to reload: documented as 409.
        assertThat(EXAMPLES.get("reload").apply(rest).status()).isEqualTo(409);
    }

    @Test
    void everyDocumentedPathRefusesOtherMethodsWithTheDocumentedAllow() {
        rest.document().path("paths").properties().forEach(p -> {
            Set<String> documented = new TreeSet<>();
            p.getValue().fieldNames().forEachRemaining(m -> documented.add(m.toUpperCase(Locale.ROOT)));
            String path = p.getKey().replace("{name}", "alpha");
            for (String method : List.of("GET", "POST", "PUT", "DELETE", "PATCH")) {
                if (documented.contains(method)) {
                    continue;
                }
                RestClient.Answer a = rest.send(rest.request(path)
                        .method(method, HttpRequest.BodyPublishers.noBody()).build());
                assertThat(a.status()).as(method + " " + path).isEqualTo(405);
                assertThat(a.json().path("code").asText()).isEqualTo("METHOD_NOT_ALLOWED");
                assertThat(new TreeSet<>(List.of(a.header("Allow").split(",\\s*")))).isEqualTo(documented);
            }
        });
    }

    @Test
    void anUndocumentedPathIsA404Problem() {
        RestClient.Answer a = rest.get("/api/v1/nothing/here");

        assertThat(a.status()).isEqualTo(404);
        assertThat(a.json().path("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(a.json().path("detail").asText()).contains("openapi.json");
    }
}
