package dev.switchboard.gateway;

import static dev.switchboard.gateway.RestEventStream.kind;
import static dev.switchboard.gateway.RestEventStream.state;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/events} tells each token only about the servers it may see, follows one server with
 * {@code ?server=}, answers a server the token may not see as unknown, and ends with a {@code closed} event when the
 * gateway stops.
 */
class StreamsServerEventsOverRestTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Guarded gateway;

    @BeforeAll
    static void start() {
        gateway = Guarded.start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static void control(String server, String action) throws Exception {
        asAdmin("/api/v1/servers/" + server + "/" + action, "");
    }

    /** A POST of the admin token, which must answer 200. */
    private static void asAdmin(String path, String json) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(gateway.url().resolve(path))
                .header("Authorization", "Bearer " + Guarded.ADMIN.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @Test
    void eachTokenHearsOnlyOfTheServersItMaySee() throws Exception {
        try (RestEventStream all = new RestEventStream(gateway.url(), "/api/v1/events", Guarded.ADMIN.token());
                RestEventStream githubOnly = new RestEventStream(gateway.url(), "/api/v1/events",
                        Guarded.GITHUB_ONLY.token())) {
            assertThat(names(all.next(kind("open")))).containsExactly("github", "docs");
            assertThat(names(githubOnly.next(kind("open")))).containsExactly("github");

            control("docs", "disable");
            control("docs", "enable");
            control("github", "disable");
            control("github", "enable");

            all.next(state("docs", "DISABLED"));
            all.next(state("github", "DISABLED"));
            JsonNode disabled = githubOnly.next(state("github", "DISABLED"));
            githubOnly.next(state("github", "READY"));
            assertThat(disabled.path("time").asText()).isNotEmpty();
            assertThat(disabled.path("details").path("restarts").isInt()).isTrue();
            List<String> heard = new ArrayList<>();
            githubOnly.skipped.forEach(e -> heard.add(e.path("server").asText()));
            assertThat(heard).as("the github-only token's stream").doesNotContain("docs");
        }
    }

    @Test
    void callsAreHeardByTheTokensThatMaySeeTheirTool() throws Exception {
        try (RestEventStream searchOnly = new RestEventStream(gateway.url(), "/api/v1/events",
                Guarded.SEARCH_ONLY.token())) {
            searchOnly.next(kind("open"));
            asAdmin("/api/v1/call", "{\"tool\": \"github__delete_repo\"}");
            asAdmin("/api/v1/call", "{\"tool\": \"github__search\", \"arguments\": {\"q\": \"x\"}}");

            JsonNode call = searchOnly.next(kind("call"));
            assertThat(call.path("details").path("tool").asText()).as("the hidden tool's call is not heard")
                    .isEqualTo("search");
            assertThat(call.path("details").path("error").isNull()).isTrue();
            assertThat(call.path("details").path("durationMs").asDouble()).isPositive();
        }
    }

    @Test
    void aServerFilterFollowsOnlyThatServer() throws Exception {
        try (RestEventStream docs = new RestEventStream(gateway.url(), "/api/v1/events?server=docs",
                Guarded.ADMIN.token())) {
            assertThat(names(docs.next(kind("open")))).containsExactly("docs");
            control("github", "reconnect");
            control("docs", "disable");
            control("docs", "enable");

            docs.next(state("docs", "DISABLED"));
            assertThat(docs.skipped).allSatisfy(e -> assertThat(e.path("server").asText()).isEqualTo("docs"));
        }
    }

    @Test
    void aServerTheTokenMayNotSeeIsUnknown() throws Exception {
        try (RestEventStream hidden = new RestEventStream(gateway.url(), "/api/v1/events?server=docs",
                Guarded.GITHUB_ONLY.token());
                RestEventStream none = new RestEventStream(gateway.url(), "/api/v1/events", null)) {
            assertThat(hidden.status).isEqualTo(404);
            assertThat(none.status).isEqualTo(401);
        }
    }

    @Test
    void theStreamSaysClosedAndEndsWhenTheGatewayStops() throws Exception {
        try (Fixture own = Fixture.start(List.of(Fixture.stdio("alpha", FakeMcpServer.builder()
                .tool(FakeTool.echo("echo")).build())));
                RestEventStream stream = new RestEventStream(own.url(), "/api/v1/events", null)) {
            stream.next(kind("open"));

            own.gateway.close();

            JsonNode closed = stream.next(kind("closed"));
            assertThat(closed.path("details").path("reason").asText()).contains("stopping");
            stream.next(kind("end"));
        }
    }

    private static List<String> names(JsonNode open) {
        List<String> out = new ArrayList<>();
        open.path("details").path("servers").forEach(n -> out.add(n.asText()));
        return out;
    }
}
