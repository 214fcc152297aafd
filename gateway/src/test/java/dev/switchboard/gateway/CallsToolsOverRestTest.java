package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/tools} lists the merged catalog (by server, by words of names and descriptions), and
 * {@code POST /api/v1/call} calls a tool by qualified or bare name and answers with its result, its server and how
 * long it took; a tool's own error is a result (200, {@code isError}), not a problem.
 */
class CallsToolsOverRestTest {
    private static Fixture fixture;
    private static RestClient rest;

    @BeforeAll
    static void start() {
        fixture = Fixture.start(List.of(
                Fixture.stdio("alpha", FakeMcpServer.builder()
                        .tool(FakeTool.echo("echo"), FakeTool.error("broken", "disk full")).build()),
                Fixture.stdio("beta", FakeMcpServer.builder()
                        .tool(FakeTool.text("echo", "beta's echo"),
                                FakeTool.text("lookup", "found").withDescription("Finds a customer by name"))
                        .build())));
        rest = new RestClient(fixture.url());
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void listsTheMergedCatalogUnderQualifiedNames() {
        JsonNode tools = rest.get("/api/v1/tools").json().path("tools");

        assertThat(RestClient.each(tools, "name")).containsExactly("alpha__echo", "alpha__broken", "beta__echo",
                "beta__lookup");
        JsonNode alphaEcho = tools.get(0);
        assertThat(alphaEcho.path("server").asText()).isEqualTo("alpha");
        assertThat(alphaEcho.path("tool").asText()).isEqualTo("echo");
        assertThat(alphaEcho.path("available").asBoolean()).isTrue();
        assertThat(alphaEcho.path("winsBareName").asBoolean()).isTrue();
        assertThat(alphaEcho.path("alsoOfferedBy").get(0).asText()).isEqualTo("beta");
        assertThat(alphaEcho.path("definition").path("name").asText()).isEqualTo("echo");
        assertThat(alphaEcho.path("definition").has("inputSchema")).isTrue();
    }

    @Test
    void filtersByServerAndByWordsOfNamesAndDescriptions() {
        assertThat(RestClient.each(rest.get("/api/v1/tools?server=beta").json().path("tools"), "name"))
                .containsExactly("beta__echo", "beta__lookup");
        assertThat(RestClient.each(rest.get("/api/v1/tools?q=CUSTOMER%20finds").json().path("tools"), "name"))
                .containsExactly("beta__lookup");
        assertThat(RestClient.each(rest.get("/api/v1/tools?server=alpha&q=echo").json().path("tools"), "name"))
                .containsExactly("alpha__echo");
        assertThat(rest.get("/api/v1/tools?q=nothing-like-this").json().path("tools")).isEmpty();
    }

    @Test
    void aCallByQualifiedNameAnswersWithTheResultItsServerAndDuration() {
        RestClient.Answer a = rest.post("/api/v1/call", "{\"tool\": \"alpha__echo\", \"arguments\": {\"city\":"
                + " \"Zürich\", \"n\": 3}, \"timeout\": \"5s\"}");

        assertThat(a.status()).isEqualTo(200);
        JsonNode body = a.json();
        assertThat(body.path("name").asText()).isEqualTo("alpha__echo");
        assertThat(body.path("server").asText()).isEqualTo("alpha");
        assertThat(body.path("tool").asText()).isEqualTo("echo");
        assertThat(body.path("durationMs").asDouble()).isPositive();
        assertThat(body.path("isError").asBoolean()).isFalse();
        assertThat(body.path("result").path("content").get(0).path("text").asText())
                .contains("\"city\":\"Zürich\"", "\"n\":3");
    }

    @Test
    void aBareNameReachesTheServerThatWinsIt() {
        assertThat(rest.post("/api/v1/call", "{\"tool\": \"lookup\"}").json().path("server").asText())
                .isEqualTo("beta");
        assertThat(rest.post("/api/v1/call", "{\"tool\": \"echo\"}").json().path("server").asText())
                .isEqualTo("alpha");
    }

    @Test
    void aToolsOwnErrorIsAResultNotAProblem() {
        RestClient.Answer a = rest.post("/api/v1/call", "{\"tool\": \"alpha__broken\"}");

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().path("isError").asBoolean()).isTrue();
        assertThat(a.json().path("result").path("isError").asBoolean()).isTrue();
        assertThat(a.json().path("result").path("content").get(0).path("text").asText()).isEqualTo("disk full");
    }
}
