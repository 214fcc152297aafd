package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.config.CallPolicy;
import dev.switchboard.config.StdioServer;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/v1/call} with {@code Accept: text/event-stream} streams the call's progress as the server reports
 * it and then its result; a failure after the stream started is an {@code error} event with a problem; a failure
 * before is a plain problem with its status; and a client that closes the stream cancels the call on its server.
 */
class StreamsCallProgressOverRestTest {
    private static RunningFakeServer remote;
    private static Fixture fixture;
    private static RestClient rest;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newCachedThreadPool()).build();

    /** One server-sent event. */
    record Event(String name, JsonNode data) {
    }

    @BeforeAll
    static void start() {
        remote = FakeMcpServer.builder().tool(FakeTool.progress("crawl", 10_000, Duration.ofMillis(20))).startHttp();
        StdioServer slow = Fixture.stdio("slow", FakeMcpServer.builder()
                .tool(FakeTool.progress("crawl", 1000, Duration.ofMillis(50))).build());
        // Progress extends a call's deadline, but never past calls.max_total: the call fails after its progress.
        var limited = slow.options().toBuilder().requestTimeout(Duration.ofSeconds(1))
                .calls(CallPolicy.builder().maxTotal(Duration.ofSeconds(1)).retryAttempts(1).build()).build();
        fixture = Fixture.start(List.of(
                Fixture.stdio("alpha", FakeMcpServer.builder().tool(FakeTool.progress("work", 3, Duration.ofMillis(20)),
                        FakeTool.echo("echo")).build()),
                slow.withOptions(limited),
                Fixture.http("remote", remote)));
        rest = new RestClient(fixture.url());
    }

    @AfterAll
    static void stop() {
        fixture.close();
        remote.close();
    }

    @Test
    void progressEventsThenTheResult() throws Exception {
        List<Event> events = readAll(stream("{\"tool\": \"alpha__work\"}"));

        assertThat(events).extracting(Event::name).containsExactly("progress", "progress", "progress", "result");
        assertThat(events.subList(0, 3)).extracting(e -> e.data().path("progress").asDouble())
                .containsExactly(1.0, 2.0, 3.0);
        events.subList(0, 3).forEach(e -> rest.validate("CallProgress", e.data()));
        JsonNode result = events.get(3).data();
        rest.validate("CallResult", result);
        assertThat(result.path("server").asText()).isEqualTo("alpha");
        assertThat(result.path("isError").asBoolean()).isFalse();
    }

    @Test
    void aCallWithoutProgressStreamsJustItsResult() throws Exception {
        List<Event> events = readAll(stream("{\"tool\": \"alpha__echo\", \"arguments\": {\"k\": \"v\"}}"));

        assertThat(events).extracting(Event::name).containsExactly("result");
        assertThat(events.get(0).data().path("result").path("content").get(0).path("text").asText()).contains("v");
    }

    @Test
    void aFailureAfterProgressIsAnErrorEventWithAProblem() throws Exception {
        List<Event> events = readAll(stream("{\"tool\": \"slow__crawl\"}"));

        assertThat(events.get(0).name()).isEqualTo("progress");
        Event last = events.get(events.size() - 1);
        assertThat(last.name()).isEqualTo("error");
        rest.validate("Problem", last.data());
        assertThat(last.data().path("code").asText()).isEqualTo("TIMEOUT");
        assertThat(last.data().path("status").asInt()).isEqualTo(504);
    }

    @Test
    void aFailureBeforeTheStreamIsAPlainProblem() throws Exception {
        HttpResponse<InputStream> r = stream("{\"tool\": \"alpha__nothing\"}");

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        try (InputStream in = r.body()) {
            JsonNode problem = RestClient.JSON.readTree(in);
            rest.validate("Problem", problem);
            assertThat(problem.path("code").asText()).isEqualTo("UNKNOWN_TOOL");
        }
    }

    @Test
    void closingTheStreamCancelsTheCallOnItsServer() throws Exception {
        HttpResponse<InputStream> r = stream("{\"tool\": \"remote__crawl\"}");
        try (InputStream in = r.body()) {
            assertThat(next(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))).name())
                    .isEqualTo("progress");
        }

        List<RunningFakeServer.Cancellation> cancelled = remote.awaitCancellations(1, Duration.ofSeconds(20));

        assertThat(cancelled).hasSize(1);
        assertThat(cancelled.get(0).reason()).contains("closed the event stream");
    }

    private HttpResponse<InputStream> stream(String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(fixture.url().resolve("/api/v1/call"))
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() == 200) {
            assertThat(r.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        }
        return r;
    }

    private static List<Event> readAll(HttpResponse<InputStream> r) throws IOException {
        assertThat(r.statusCode()).isEqualTo(200);
        List<Event> events = new ArrayList<>();
        try (var reader = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            for (Event e = next(reader); e != null; e = next(reader)) {
                events.add(e);
            }
        }
        return events;
    }

    /** The next event (comments skipped), or null at the end of the stream. */
    private static Event next(BufferedReader reader) throws IOException {
        String name = null;
        String data = null;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.isEmpty() && name != null) {
                return new Event(name, RestClient.JSON.readTree(data));
            } else if (line.startsWith("event: ")) {
                name = line.substring(7);
            } else if (line.startsWith("data: ")) {
                data = line.substring(6);
            }
        }
        return null;
    }
}
