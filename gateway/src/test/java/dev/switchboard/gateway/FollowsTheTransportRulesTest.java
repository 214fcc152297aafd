package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.GatewaySettings;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import java.net.http.HttpRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules of MCP's Streamable HTTP transport that a server must enforce, each refusal with a status and a message
 * that says what to do: sessions (400 without one, 404 for an unknown or ended one), Origin (403), protocol version
 * (400), media types (406, 415), size (413), methods (405), batches, and the cap on sessions (503).
 */
class FollowsTheTransportRulesTest {
    private static Fixture fixture;
    private static RawClient raw;

    @BeforeAll
    static void start() {
        fixture = Fixture.start(List.of(Fixture.stdio("alpha", FakeMcpServer.builder().name("alpha")
                .tool(FakeTool.echo("echo")).build())), GatewaySettings.builder().port(0).maxSessions(5)
                .maxRequestBytes(4096).allowedOrigins(List.of("https://app.example.com")).build());
        raw = new RawClient(fixture.url());
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void initializeOpensASessionWithAnUnguessableIdAndNegotiatesTheVersion() {
        RawClient.Answer latest = raw.post(RawClient.initializeBody("2025-11-25"), Map.of());
        RawClient.Answer older = raw.post(RawClient.initializeBody("2025-03-26"), Map.of());
        RawClient.Answer future = raw.post(RawClient.initializeBody("2099-01-01"), Map.of());
        try {
            assertThat(latest.status()).isEqualTo(200);
            assertThat(latest.sessionId()).matches("[A-Za-z0-9_-]{32}").isNotEqualTo(older.sessionId());
            assertThat(latest.json().at("/result/protocolVersion").asText()).isEqualTo("2025-11-25");
            assertThat(older.json().at("/result/protocolVersion").asText()).isEqualTo("2025-03-26");
            assertThat(future.json().at("/result/protocolVersion").asText()).as("the newest we speak")
                    .isEqualTo("2025-11-25");
        } finally {
            List.of(latest, older, future).forEach(a -> delete(a.sessionId()));
        }
    }

    @Test
    void aRequestWithoutASessionIs400AndAnUnknownOneIs404() {
        RawClient.Answer none = raw.post(RawClient.request(2, "tools/list", "{}"), Map.of());
        RawClient.Answer unknown = raw.post(RawClient.request(2, "tools/list", "{}"),
                Map.of("Mcp-Session-Id", "no-such-session"));

        assertThat(none.status()).isEqualTo(400);
        assertThat(none.json().at("/error/message").asText()).contains("Mcp-Session-Id", "initialize");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().at("/error/message").asText()).contains("initialize a new one");
    }

    @Test
    void deleteEndsTheSessionAndItsIdIs404Afterwards() {
        String session = raw.initialize("2025-11-25");
        assertThat(list(session).status()).isEqualTo(200);

        assertThat(delete(session)).isEqualTo(200);

        assertThat(list(session).status()).isEqualTo(404);
        assertThat(delete(session)).isEqualTo(404);
    }

    @Test
    void anOriginThatIsNeitherLoopbackNorAllowedIs403() {
        String session = raw.initialize("2025-11-25");
        try {
            assertThat(list(session, "Origin", "https://evil.example.net").status()).isEqualTo(403);
            assertThat(list(session, "Origin", "https://evil.example.net").json().at("/error/message").asText())
                    .contains("gateway.allowed_origins");
            assertThat(list(session, "Origin", "http://localhost:5173").status()).isEqualTo(200);
            assertThat(list(session, "Origin", "http://127.0.0.1:8080").status()).isEqualTo(200);
            assertThat(list(session, "Origin", "https://app.example.com").status()).isEqualTo(200);
            assertThat(raw.post(RawClient.initializeBody("2025-11-25"), Map.of("Origin", "http://localhost.evil.net"))
                    .status()).as("a look-alike host").isEqualTo(403);
        } finally {
            delete(session);
        }
    }

    @Test
    void anUnsupportedProtocolVersionHeaderIs400() {
        String session = raw.initialize("2025-11-25");
        try {
            RawClient.Answer a = list(session, "MCP-Protocol-Version", "1999-01-01");
            assertThat(a.status()).isEqualTo(400);
            assertThat(a.json().at("/error/message").asText()).contains("1999-01-01", "2025-11-25");
            assertThat(list(session, "MCP-Protocol-Version", "2025-06-18").status()).isEqualTo(200);
        } finally {
            delete(session);
        }
    }

    @Test
    void malformedMessagesAreRefusedWithWhatIsWrong() {
        String session = raw.initialize("2025-11-25");
        Map<String, String> s = Map.of("Mcp-Session-Id", session);
        try {
            RawClient.Answer notJson = raw.post("{\"jsonrpc\":", s);
            RawClient.Answer batch = raw.post("[" + RawClient.request(3, "ping", "{}") + "]", s);
            RawClient.Answer noVersion = raw.post("{\"id\":1,\"method\":\"ping\"}", s);
            RawClient.Answer unknownMethod = raw.post(RawClient.request(4, "tools/frobnicate", "{}"), s);

            assertThat(notJson.status()).isEqualTo(400);
            assertThat(notJson.json().at("/error/code").asInt()).isEqualTo(-32700);
            assertThat(batch.status()).isEqualTo(400);
            assertThat(batch.json().at("/error/message").asText()).contains("batches", "one message per POST");
            assertThat(noVersion.json().at("/error/message").asText()).contains("\"jsonrpc\" must be \"2.0\"");
            assertThat(unknownMethod.status()).isEqualTo(200);
            assertThat(unknownMethod.json().at("/error/code").asInt()).isEqualTo(-32601);
            assertThat(unknownMethod.json().at("/id").asInt()).isEqualTo(4);
        } finally {
            delete(session);
        }
    }

    @Test
    void mediaTypesSizesAndMethodsAreChecked() {
        String session = raw.initialize("2025-11-25");
        try {
            assertThat(raw.post(RawClient.request(5, "ping", "{}"), Map.of("Mcp-Session-Id", session,
                    "Content-Type", "text/plain")).status()).isEqualTo(415);
            assertThat(raw.post(RawClient.request(5, "ping", "{}"), Map.of("Mcp-Session-Id", session,
                    "Accept", "text/html")).status()).isEqualTo(406);
            String big = RawClient.request(6, "tools/call", "{\"name\":\"alpha__echo\",\"arguments\":{\"pad\":\""
                    + "x".repeat(5000) + "\"}}");
            RawClient.Answer tooBig = raw.post(big, Map.of("Mcp-Session-Id", session));
            assertThat(tooBig.status()).isEqualTo(413);
            assertThat(tooBig.json().at("/error/message").asText()).contains("gateway.max_request_bytes", "4096");
            RawClient.Answer put = raw.send(raw.request().header("Mcp-Session-Id", session)
                    .PUT(HttpRequest.BodyPublishers.ofString("{}")).build());
            assertThat(put.status()).isEqualTo(405);
            assertThat(raw.post(RawClient.request(7, "ping", "{}"), Map.of("Mcp-Session-Id", session)).status())
                    .as("the session survives every refusal").isEqualTo(200);
        } finally {
            delete(session);
        }
    }

    @Test
    void notificationsAreAccepted202() {
        String session = raw.initialize("2025-11-25");
        try {
            assertThat(raw.post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/roots/list_changed\"}",
                    Map.of("Mcp-Session-Id", session)).status()).isEqualTo(202);
        } finally {
            delete(session);
        }
    }

    @Test
    void sessionsBeyondTheCapAre503UntilOneEnds() {
        List<String> open = new java.util.ArrayList<>();
        try {
            while (fixture.gateway.sessionCount() < 5) {
                open.add(raw.initialize("2025-11-25"));
            }
            RawClient.Answer refused = raw.post(RawClient.initializeBody("2025-11-25"), Map.of());
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.json().at("/error/message").asText()).contains("gateway.max_sessions", "5");

            delete(open.remove(0));

            String again = raw.initialize("2025-11-25");
            open.add(again);
        } finally {
            open.forEach(FollowsTheTransportRulesTest::delete);
        }
    }

    private static RawClient.Answer list(String session, String... header) {
        Map<String, String> headers = new HashMap<>(Map.of("Mcp-Session-Id", session));
        for (int i = 0; i + 1 < header.length; i += 2) {
            headers.put(header[i], header[i + 1]);
        }
        return raw.post(RawClient.request(2, "tools/list", "{}"), headers);
    }

    private static int delete(String session) {
        if (session == null) {
            return 0;
        }
        return raw.send(raw.request().header("Mcp-Session-Id", session).DELETE().build()).status();
    }
}
