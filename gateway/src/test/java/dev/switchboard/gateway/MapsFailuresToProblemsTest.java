package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.config.GatewaySettings;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every failure of a REST request is {@code application/problem+json} (RFC 9457) with the stable code, the server
 * and tool when known, and the status of the mapping table: 404 unknown tool, 422 invalid arguments, 504 timeout,
 * 502 a server that answered with an error or died, 503 a server that is down, and the request's own problems
 * (400 malformed, 405 method, 413 size, 415 media type, 403 origin).
 */
class MapsFailuresToProblemsTest {
    private static Fixture fixture;
    private static RestClient rest;

    @BeforeAll
    static void start() {
        fixture = Fixture.start(List.of(
                Fixture.stdio("alpha", FakeMcpServer.builder().tool(FakeTool.echo("echo"), FakeTool.env("env"),
                        FakeTool.hang("hang"), FakeTool.rpcError("fails", -32000, "backend down")).build()),
                Fixture.stdio("doomed", FakeMcpServer.builder().tool(FakeTool.exit("die", 3)).build()),
                Fixture.stdio("ghost", List.of("/nonexistent/switchboard-test-server"))),
                GatewaySettings.builder().port(0).maxRequestBytes(2048).build());
        rest = new RestClient(fixture.url());
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void anUnknownToolIs404WithTheLibrarysSuggestion() {
        JsonNode p = problem(rest.post("/api/v1/call", "{\"tool\": \"alpha__ecko\"}"), 404, "UNKNOWN_TOOL");

        assertThat(p.path("type").asText()).isEqualTo("tag:switchboard.dev,2025:problem:unknown-tool");
        assertThat(p.path("title").asText()).isEqualTo("Unknown tool");
        assertThat(p.path("server").asText()).isEqualTo("alpha");
        assertThat(p.path("tool").asText()).isEqualTo("ecko");
        assertThat(p.path("detail").asText()).contains("did you mean", "echo");
    }

    @Test
    void argumentsThatDoNotFitTheSchemaAre422() {
        JsonNode p = problem(rest.post("/api/v1/call", "{\"tool\": \"alpha__env\", \"arguments\": {}}"), 422,
                "INVALID_ARGUMENTS");

        assertThat(p.path("server").asText()).isEqualTo("alpha");
        assertThat(p.path("tool").asText()).isEqualTo("env");
        assertThat(p.path("detail").asText()).contains("name");
    }

    @Test
    void aCallPastItsTimeoutIs504() {
        JsonNode p = problem(rest.post("/api/v1/call", "{\"tool\": \"alpha__hang\", \"timeout\": \"300ms\"}"), 504,
                "TIMEOUT");

        assertThat(p.path("server").asText()).isEqualTo("alpha");
        assertThat(p.path("tool").asText()).isEqualTo("hang");
    }

    @Test
    void aServersJsonRpcErrorIs502() {
        JsonNode p = problem(rest.post("/api/v1/call", "{\"tool\": \"alpha__fails\"}"), 502, "RPC_ERROR");

        assertThat(p.path("detail").asText()).contains("backend down");
    }

    @Test
    void aServerProcessThatDiesDuringTheCallIs502() {
        problem(rest.post("/api/v1/call", "{\"tool\": \"doomed__die\"}"), 502, "PROCESS_EXITED");
    }

    @Test
    void aServerThatFailedForGoodIs503WithoutRetryAfter() {
        RestClient.Answer a = rest.post("/api/v1/call", "{\"tool\": \"ghost__anything\"}");

        JsonNode p = problem(a, 503, "SERVER_UNAVAILABLE");
        assertThat(p.path("server").asText()).isEqualTo("ghost");
        assertThat(a.header("Retry-After")).as("waiting does not bring a failed server back").isNull();
    }

    @Test
    void aBodyThatIsNotJsonIs400() {
        assertThat(problem(rest.post("/api/v1/call", "{\"tool\": "), 400, "MALFORMED_REQUEST").path("detail")
                .asText()).contains("not valid JSON");
        assertThat(problem(rest.post("/api/v1/call", "[1, 2]"), 400, "MALFORMED_REQUEST").path("detail").asText())
                .contains("must be a JSON object");
    }

    @Test
    void aMisspelledMissingOrMistypedFieldIs400ThatNamesIt() {
        assertThat(detail(rest.post("/api/v1/call", "{\"tool\": \"alpha__echo\", \"timout\": \"5s\"}"), 400))
                .contains("timout", "expected: arguments, timeout, tool");
        assertThat(detail(rest.post("/api/v1/call", "{\"arguments\": {}}"), 400)).contains("body.tool is required");
        assertThat(detail(rest.post("/api/v1/call", "{\"tool\": \"alpha__echo\", \"timeout\": \"soon\"}"), 400))
                .contains("'soon' is not a duration");
        assertThat(detail(rest.post("/api/v1/call", "{\"tool\": \"alpha__echo\", \"arguments\": [1]}"), 400))
                .contains("body.arguments must be a JSON object");
    }

    @Test
    void aBodyThatIsNotDeclaredJsonIs415() {
        RestClient.Answer a = rest.send(rest.request("/api/v1/call").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"tool\": \"alpha__echo\"}")).build());

        problem(a, 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void aBodyOverTheLimitIs413() {
        String big = "{\"tool\": \"alpha__echo\", \"arguments\": {\"text\": \"" + "x".repeat(3000) + "\"}}";

        assertThat(detail(rest.post("/api/v1/call", big), 413)).contains("gateway.max_request_bytes", "2048");
    }

    @Test
    void aMethodThePathDoesNotTakeIs405WithAllow() {
        RestClient.Answer a = rest.get("/api/v1/call");

        problem(a, 405, "METHOD_NOT_ALLOWED");
        assertThat(a.header("Allow")).isEqualTo("POST");
    }

    @Test
    void aPageFromAForeignOriginIs403() {
        RestClient.Answer a = rest.send(rest.request("/api/v1/servers").header("Origin", "https://evil.example")
                .GET().build());
        RestClient.Answer local = rest.send(rest.request("/api/v1/servers").header("Origin", "http://localhost:3000")
                .GET().build());

        assertThat(problem(a, 403, "FORBIDDEN").path("detail").asText()).contains("gateway.allowed_origins");
        assertThat(local.status()).isEqualTo(200);
    }

    @Test
    void everyProblemHasTheSameShapeAsItsMediaTypeSays() {
        RestClient.Answer a = rest.post("/api/v1/call", "{\"tool\": \"nope\"}", Map.of("Accept", "application/json"));

        assertThat(a.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(a.json().path("status").asInt()).isEqualTo(a.status());
    }

    private static JsonNode problem(RestClient.Answer a, int status, String code) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.header("Content-Type")).startsWith("application/problem+json");
        JsonNode p = a.json();
        assertThat(p.path("status").asInt()).isEqualTo(status);
        assertThat(p.path("code").asText()).isEqualTo(code);
        assertThat(p.path("title").asText()).isNotBlank();
        assertThat(p.path("detail").asText()).isNotBlank();
        return p;
    }

    private static String detail(RestClient.Answer a, int status) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        return a.json().path("detail").asText();
    }
}
