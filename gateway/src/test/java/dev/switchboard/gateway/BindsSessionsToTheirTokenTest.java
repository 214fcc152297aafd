package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A session belongs to the token that opened it: another token that presents its id gets 404, as if it did not
 * exist, on {@code /mcp} and on the legacy {@code /message}; and one token can hold only
 * {@code gateway.max_sessions_per_token} sessions at once (429 beyond, saying which limit).
 */
class BindsSessionsToTheirTokenTest {
    private static Guarded gateway;
    private static RawClient raw;

    @BeforeAll
    static void start() {
        gateway = Guarded.start(b -> b.maxSessionsPerToken(2));
        raw = new RawClient(gateway.url());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void anotherTokenCannotUseASessionItDidNotOpen() {
        RawClient.Answer init = raw.post(RawClient.initializeBody("2025-11-25"), Guarded.bearer(Guarded.ADMIN
                .token()));
        String session = init.sessionId();
        String list = RawClient.request(2, "tools/list", "{}");

        RawClient.Answer stolen = raw.post(list, with(Guarded.GITHUB_ONLY.token(), session));
        RawClient.Answer own = raw.post(list, with(Guarded.ADMIN.token(), session));

        assertThat(stolen.status()).isEqualTo(404);
        assertThat(stolen.json().path("error").path("message").asText()).isEqualTo("session " + session
                + " does not exist or has ended: initialize a new one");
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().path("result").path("tools")).hasSize(3);
        raw.send(raw.request().header("Authorization", "Bearer " + Guarded.ADMIN.token())
                .header("Mcp-Session-Id", session).DELETE().build());
    }

    @Test
    void anotherTokenCannotPostToALegacySessionItDidNotOpen() {
        try (LegacySseStream stream = LegacySseStream.open(gateway.url(), Guarded.bearer(Guarded.SEARCH_ONLY
                .token()))) {
            RawClient.Answer stolen = stream.post(RawClient.request(2, "tools/list", "{}"),
                    Guarded.bearer(Guarded.LIMITED.token()));

            assertThat(stolen.status()).isEqualTo(404);
            assertThat(stream.initialize().path("result").path("protocolVersion").asText()).isNotEmpty();
        }
    }

    @Test
    void oneTokenHoldsAtMostItsShareOfSessions() {
        String token = Guarded.GITHUB_ONLY.token();
        String first = raw.post(RawClient.initializeBody("2025-11-25"), Guarded.bearer(token)).sessionId();
        String second = raw.post(RawClient.initializeBody("2025-11-25"), Guarded.bearer(token)).sessionId();

        RawClient.Answer third = raw.post(RawClient.initializeBody("2025-11-25"), Guarded.bearer(token));
        RawClient.Answer otherToken = raw.post(RawClient.initializeBody("2025-11-25"),
                Guarded.bearer(Guarded.LIMITED.token()));

        assertThat(first).isNotNull();
        assertThat(second).isNotNull();
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.json().path("error").path("message").asText()).isEqualTo("token 'github-only' has 2 open"
                + " sessions, gateway.max_sessions_per_token; close unused sessions (DELETE) or raise the limit");
        assertThat(otherToken.status()).isEqualTo(200);
        raw.send(raw.request().header("Authorization", "Bearer " + token).header("Mcp-Session-Id", first).DELETE()
                .build());
        assertThat(raw.post(RawClient.initializeBody("2025-11-25"), Guarded.bearer(token)).status()).isEqualTo(200);
    }

    private static Map<String, String> with(String token, String session) {
        Map<String, String> headers = new HashMap<>(Guarded.bearer(token));
        headers.put("Mcp-Session-Id", session);
        return headers;
    }
}
