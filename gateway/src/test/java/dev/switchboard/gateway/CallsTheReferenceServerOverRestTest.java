package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.testing.ReferenceServer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The REST API in front of the official reference server ({@code @modelcontextprotocol/server-everything}, stdio):
 * its catalog, a call, its own schema check as 422, its progress streamed, its resource templates read, and its
 * prompts listed and got; every answer fits the OpenAPI document.
 */
class CallsTheReferenceServerOverRestTest {
    private static Fixture fixture;
    private static RestClient rest;

    @BeforeAll
    static void start() {
        fixture = Fixture.start(List.of(Fixture.stdio("everything", ReferenceServer.everythingStdio())));
        rest = new RestClient(fixture.url());
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void listsAndCallsItsTools() {
        JsonNode tools = rest.get("/api/v1/tools?q=echo").json().path("tools");
        RestClient.Answer echo = rest.post("/api/v1/call", "{\"tool\": \"everything__echo\", \"arguments\":"
                + " {\"message\": \"hi\"}}");
        RestClient.Answer invalid = rest.post("/api/v1/call", "{\"tool\": \"echo\", \"arguments\": {}}");

        assertThat(RestClient.each(tools, "name")).contains("everything__echo");
        assertThat(echo.json().path("result").path("content").get(0).path("text").asText()).isEqualTo("Echo: hi");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().path("detail").asText()).contains("message");
    }

    @Test
    void streamsTheProgressOfItsLongRunningOperation() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newCachedThreadPool()).build();
        HttpRequest request = HttpRequest.newBuilder(fixture.url().resolve("/api/v1/call"))
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"tool\": \"everything__trigger-long-running-operation\","
                        + " \"arguments\": {\"duration\": 0.3, \"steps\": 3}}")).build();
        List<String> events = new ArrayList<>();
        HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (var reader = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            reader.lines().filter(l -> l.startsWith("event: ")).forEach(l -> events.add(l.substring(7)));
        }

        assertThat(events).containsExactly("progress", "progress", "progress", "result");
    }

    @Test
    void readsAResourceByItsTemplate() {
        JsonNode templates = rest.get("/api/v1/resources/templates").json().path("templates");
        JsonNode read = rest.get("/api/v1/resources/read?uri=demo://resource/dynamic/text/7").json();

        assertThat(templates).isNotEmpty();
        assertThat(read.path("server").asText()).isEqualTo("everything");
        assertThat(read.path("contents").get(0).path("text").asText()).isNotBlank();
    }

    @Test
    void listsAndGetsItsPrompts() {
        JsonNode prompts = rest.get("/api/v1/prompts").json().path("prompts");
        RestClient.Answer simple = rest.post("/api/v1/prompts/get", "{\"name\": \"simple-prompt\"}");

        assertThat(RestClient.each(prompts, "name")).contains("simple-prompt", "args-prompt");
        assertThat(simple.status()).isEqualTo(200);
        assertThat(simple.json().path("result").path("messages")).isNotEmpty();
    }
}
