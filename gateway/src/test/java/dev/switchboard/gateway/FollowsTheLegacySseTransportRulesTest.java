package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.config.GatewaySettings;
import dev.switchboard.config.HttpServer;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules of the legacy HTTP+SSE transport over plain HTTP: the endpoint event first and every answer as a
 * {@code message} event on the stream, each POST accepted with 202, and refusals with a status and a message that
 * says what to do (400 without a session, 404 for an unknown or ended one, 403 Origin, 415, 413, 405, 503 over the
 * cap).
 */
class FollowsTheLegacySseTransportRulesTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    // Its own executor: the HTTP client must not depend on the common pool.
    private static final HttpClient HTTP = HttpClient.newBuilder().executor(Executors.newCachedThreadPool()).build();
    private static RunningFakeServer upstream;
    private static Fixture fixture;

    @BeforeAll
    static void start() {
        upstream = FakeMcpServer.builder().name("slow").tool(FakeTool.echo("echo"))
                .startHttp();
        fixture = Fixture.start(List.of(HttpServer.of("slow", URI.create(upstream.url()))),
                GatewaySettings.builder().port(0).maxSessions(3).maxRequestBytes(4096)
                        .allowedOrigins(List.of("https://app.example.com")).build());
    }

    /** Every test closes its streams: their sessions end, and the next test finds the cap free. */
    @AfterEach
    void everySessionEnded() {
        Awaitility.await().atMost(WAIT).until(() -> fixture.gateway.sessionCount() == 0);
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
        upstream.close();
    }

    @Test
    void theStreamNamesItsEndpointFirstAndCarriesEveryAnswerAsAMessageEvent() {
        try (LegacySseStream stream = LegacySseStream.open(fixture.url())) {
            assertThat(stream.endpoint()).matches("/message\\?sessionId=[A-Za-z0-9_-]{32}");

            RawClient.Answer accepted = stream.post(RawClient.initializeBody("2024-11-05"), Map.of());
            assertThat(accepted.status()).isEqualTo(202);
            assertThat(accepted.body()).isEmpty();
            JsonNode init = stream.awaitMessage(m -> true);
            assertThat(init.at("/id").asInt()).isEqualTo(1);
            assertThat(init.at("/result/protocolVersion").asText()).isEqualTo("2024-11-05");
            assertThat(init.at("/result/serverInfo/name").asText()).isEqualTo("switchboard");

            stream.post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", Map.of());
            stream.post(RawClient.request(2, "tools/call", "{\"name\":\"slow__echo\",\"arguments\":{\"k\":\"v\"}}"),
                    Map.of());
            JsonNode call = stream.awaitMessage(m -> true);
            assertThat(call.at("/id").asInt()).isEqualTo(2);
            assertThat(call.at("/result/content/0/text").asText()).contains("\"k\":\"v\"");
        }
    }

    @Test
    void requestsBeforeInitializeAndASecondInitializeAreRefusedOnTheStream() {
        try (LegacySseStream stream = LegacySseStream.open(fixture.url())) {
            stream.post(RawClient.request(5, "tools/list", "{}"), Map.of());
            assertThat(stream.awaitMessage(m -> true).at("/error/message").asText()).contains("initialize first");

            stream.initialize();
            stream.post(RawClient.initializeBody("2024-11-05"), Map.of());
            assertThat(stream.awaitMessage(m -> true).at("/error/message").asText())
                    .contains("already initialized", "new stream");
        }
    }

    @Test
    void aPostWithoutASessionIs400AndAnUnknownOrStreamableOneIs404() {
        try (LegacySseStream stream = LegacySseStream.open(fixture.url())) {
            URI message = fixture.url().resolve("/message");
            RawClient.Answer none = stream.post(message, RawClient.request(2, "ping", "{}"), Map.of());
            RawClient.Answer unknown = stream.post(URI.create(message + "?sessionId=no-such-session"),
                    RawClient.request(2, "ping", "{}"), Map.of());
            RawClient mcp = new RawClient(fixture.url());
            String streamable = mcp.initialize("2025-11-25");
            RawClient.Answer otherTransport = stream.post(URI.create(message + "?sessionId=" + streamable),
                    RawClient.request(2, "ping", "{}"), Map.of());
            mcp.send(mcp.request().header("Mcp-Session-Id", streamable).DELETE().build());

            assertThat(none.status()).isEqualTo(400);
            assertThat(none.json().at("/error/message").asText()).contains("sessionId", "GET /sse");
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.json().at("/error/message").asText()).contains("open a new stream");
            assertThat(otherTransport.status()).as("a /mcp session is not one of this transport's").isEqualTo(404);
        }
    }

    @Test
    void mediaTypesSizesMethodsAndBodiesAreChecked() {
        try (LegacySseStream stream = LegacySseStream.open(fixture.url())) {
            stream.initialize();
            RawClient.Answer text = stream.post(RawClient.request(3, "ping", "{}"), Map.of("Content-Type",
                    "text/plain"));
            RawClient.Answer big = stream.post(RawClient.request(4, "tools/call", "{\"name\":\"slow__echo\","
                    + "\"arguments\":{\"pad\":\"" + "x".repeat(5000) + "\"}}"), Map.of());
            RawClient.Answer notJson = stream.post("{\"jsonrpc\":", Map.of());
            RawClient messageUrl = new RawClient(fixture.url().resolve(stream.endpoint()));
            RawClient.Answer getMessage = messageUrl.send(messageUrl.request().GET().build());

            assertThat(text.status()).isEqualTo(415);
            assertThat(text.json().at("/error/message").asText()).contains("application/json");
            assertThat(big.status()).isEqualTo(413);
            assertThat(big.json().at("/error/message").asText()).contains("gateway.max_request_bytes", "4096");
            assertThat(notJson.status()).isEqualTo(400);
            assertThat(notJson.json().at("/error/code").asInt()).isEqualTo(-32700);
            assertThat(getMessage.status()).isEqualTo(405);

            stream.post(RawClient.request(6, "ping", "{}"), Map.of());
            assertThat(stream.awaitMessage(m -> true).at("/id").asInt()).as("the session survives every refusal")
                    .isEqualTo(6);
        }
    }

    @Test
    void anOriginThatIsNeitherLoopbackNorAllowedIs403OnBothUrls() throws Exception {
        HttpResponse<InputStream> evilStream = LegacySseStream.get(HTTP, fixture.gateway.sseUrl(),
                Map.of("Origin", "https://evil.example.net"));
        evilStream.body().close();
        assertThat(evilStream.statusCode()).isEqualTo(403);
        assertThat(fixture.gateway.sessionCount()).as("no session for a refused stream").isZero();
        try (LegacySseStream stream = LegacySseStream.open(fixture.url())) {
            stream.initialize();
            RawClient.Answer evil = stream.post(RawClient.request(7, "ping", "{}"),
                    Map.of("Origin", "https://evil.example.net"));
            assertThat(evil.status()).isEqualTo(403);
            assertThat(evil.json().at("/error/message").asText()).contains("gateway.allowed_origins");
            assertThat(stream.post(RawClient.request(8, "ping", "{}"), Map.of("Origin", "http://localhost:5173"))
                    .status()).isEqualTo(202);
            assertThat(stream.post(RawClient.request(9, "ping", "{}"), Map.of("Origin", "https://app.example.com"))
                    .status()).isEqualTo(202);
        }
    }

    @Test
    void streamsBeyondTheSessionCapAre503UntilOneCloses() throws Exception {
        List<LegacySseStream> open = new ArrayList<>();
        try {
            while (fixture.gateway.sessionCount() < 3) {
                open.add(LegacySseStream.open(fixture.url()));
            }
            HttpResponse<InputStream> refused = LegacySseStream.get(HTTP, fixture.gateway.sseUrl(), Map.of());
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(new String(refused.body().readAllBytes(), StandardCharsets.UTF_8))
                    .contains("gateway.max_sessions");

            open.remove(0).close();

            Awaitility.await().atMost(WAIT).until(() -> fixture.gateway.sessionCount() < 3);
            open.add(LegacySseStream.open(fixture.url()));
        } finally {
            open.forEach(LegacySseStream::close);
        }
    }
}
