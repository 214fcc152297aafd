package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/v1/calls} runs a batch through the library's callAll: outcomes come back in input order whatever
 * order the calls end in; collect gives every call its own outcome (a result, a tool error, or a problem), fail-fast
 * stops at the first failure and cancels the rest; the total timeout ends what is still running; and the batch's
 * size and items are checked before anything runs.
 */
class RunsBatchesOverRestTest {
    private static Fixture fixture;
    private static RestClient rest;

    @BeforeAll
    static void start() {
        fixture = Fixture.start(List.of(Fixture.stdio("alpha", FakeMcpServer.builder().tool(FakeTool.echo("echo"),
                FakeTool.error("broken", "disk full"), FakeTool.hang("hang"), FakeTool.env("env"),
                FakeTool.delay("slow", Duration.ofMillis(400))).build())));
        rest = new RestClient(fixture.url());
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void collectGivesEveryCallItsOutcomeInInputOrder() {
        JsonNode batch = ok(rest.post("/api/v1/calls", "{\"calls\": [{\"tool\": \"alpha__slow\"},"
                + " {\"tool\": \"echo\", \"arguments\": {\"n\": 1}}, {\"tool\": \"alpha__nothing\"},"
                + " {\"tool\": \"alpha__broken\"}, {\"tool\": \"alpha__env\", \"arguments\": {}}],"
                + " \"maxConcurrency\": 5}"));

        assertThat(batch.path("policy").asText()).isEqualTo("collect");
        assertThat(batch.has("failedIndex")).isFalse();
        JsonNode o = batch.path("outcomes");
        assertThat(RestClient.each(o, "index")).containsExactly("0", "1", "2", "3", "4");
        assertThat(RestClient.each(o, "name")).containsExactly("alpha__slow", "alpha__echo", "alpha__nothing",
                "alpha__broken", "alpha__env");
        assertThat(RestClient.each(o, "ok")).containsExactly("true", "true", "false", "false", "false");
        assertThat(o.get(0).path("durationMs").asDouble()).as("the first call ended last")
                .isGreaterThan(o.get(1).path("durationMs").asDouble());
        assertThat(o.get(1).path("result").path("content").get(0).path("text").asText()).contains("\"n\":1");
        assertThat(o.get(2).path("error").path("status").asInt()).isEqualTo(404);
        assertThat(o.get(2).path("error").path("code").asText()).isEqualTo("UNKNOWN_TOOL");
        assertThat(o.get(3).path("isError").asBoolean()).isTrue();
        assertThat(o.get(4).path("error").path("status").asInt()).isEqualTo(422);
    }

    @Test
    void failFastStopsAtTheFirstFailureAndCancelsTheRest() {
        JsonNode batch = ok(rest.post("/api/v1/calls", "{\"calls\": [{\"tool\": \"alpha__hang\"},"
                + " {\"tool\": \"alpha__broken\"}], \"policy\": \"fail-fast\", \"maxConcurrency\": 2}"));

        assertThat(batch.path("failedIndex").asInt()).isEqualTo(1);
        JsonNode o = batch.path("outcomes");
        assertThat(o.get(0).path("ok").asBoolean()).isFalse();
        assertThat(o.get(0).path("error").path("code").asText()).isEqualTo("CANCELLED");
        assertThat(o.get(1).path("isError").asBoolean()).isTrue();
    }

    @Test
    void failFastWithAnUnknownToolRunsNothing() {
        JsonNode batch = ok(rest.post("/api/v1/calls", "{\"calls\": [{\"tool\": \"alpha__echo\"},"
                + " {\"tool\": \"alpha__nothing\"}], \"policy\": \"fail-fast\"}"));

        assertThat(batch.path("failedIndex").asInt()).isEqualTo(1);
        JsonNode o = batch.path("outcomes");
        assertThat(o.get(0).path("error").path("code").asText()).isEqualTo("CANCELLED");
        assertThat(o.get(0).path("error").path("detail").asText()).contains("not started");
        assertThat(o.get(1).path("error").path("code").asText()).isEqualTo("UNKNOWN_TOOL");
    }

    @Test
    void theTotalTimeoutEndsWhatIsStillRunning() {
        JsonNode batch = ok(rest.post("/api/v1/calls", "{\"calls\": [{\"tool\": \"alpha__hang\"},"
                + " {\"tool\": \"alpha__echo\"}], \"totalTimeout\": \"300ms\"}"));

        JsonNode o = batch.path("outcomes");
        assertThat(o.get(0).path("error").path("code").asText()).isEqualTo("TIMEOUT");
        assertThat(o.get(0).path("error").path("status").asInt()).isEqualTo(504);
        assertThat(o.get(1).path("ok").asBoolean()).isTrue();
    }

    @Test
    void aBatchOverTheLimitIs413AndAMalformedItemIs400() {
        String many = IntStream.range(0, RestBatch.MAX_CALLS + 1).mapToObj(i -> "{\"tool\": \"alpha__echo\"}")
                .collect(Collectors.joining(", ", "{\"calls\": [", "]}"));

        assertThat(rest.post("/api/v1/calls", many).status()).isEqualTo(413);
        RestClient.Answer item = rest.post("/api/v1/calls", "{\"calls\": [{\"tool\": \"alpha__echo\"}, {}]}");
        assertThat(item.status()).isEqualTo(400);
        assertThat(item.json().path("detail").asText()).contains("calls[1].tool is required");
        assertThat(rest.post("/api/v1/calls", "{\"calls\": []}").status()).isEqualTo(400);
        assertThat(rest.post("/api/v1/calls", "{\"calls\": [{\"tool\": \"alpha__echo\"}], \"policy\": \"yolo\"}")
                .json().path("detail").asText()).contains("collect, fail-fast");
    }

    private static JsonNode ok(RestClient.Answer a) {
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.json();
    }
}
