package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.TokenHash;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With tokens configured, every endpoint ({@code /mcp}, {@code /sse}, {@code /message}, {@code /api/**}) refuses a
 * request without a valid {@code Authorization: Bearer} token with 401, {@code WWW-Authenticate: Bearer} and a
 * message that says what to do; a wrong token is refused alike whichever part of it is wrong; the right one is let
 * in.
 */
class RefusesRequestsWithoutAValidTokenTest {
    private static Guarded gateway;
    private static RawClient raw;

    @BeforeAll
    static void start() {
        gateway = Guarded.start();
        raw = new RawClient(gateway.url());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void withoutATokenEveryEndpointAnswers401SayingWhatToSend() {
        RawClient.Answer mcp = raw.post(RawClient.initializeBody("2025-11-25"), Map.of());
        RawClient.Answer basic = raw.post(RawClient.initializeBody("2025-11-25"), Map.of("Authorization",
                "Basic YWRtaW46YWRtaW4="));
        RawClient.Answer sse = raw.send(HttpRequest.newBuilder(gateway.url().resolve("/sse"))
                .header("Accept", "text/event-stream").GET().build());
        RawClient.Answer message = raw.send(HttpRequest.newBuilder(gateway.url().resolve("/message?sessionId=x"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        RawClient.Answer api = raw.send(HttpRequest.newBuilder(gateway.url().resolve("/api/v1/servers")).GET()
                .build());

        for (RawClient.Answer a : List.of(mcp, basic, sse, message, api)) {
            assertThat(a.status()).isEqualTo(401);
            assertThat(a.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"switchboard\"");
        }
        assertThat(mcp.json().path("error").path("message").asText()).isEqualTo("this gateway needs an access token:"
                + " send the header Authorization: Bearer <token>, with a token from switchboard token create whose"
                + " hash is in gateway.tokens");
        assertThat(api.contentType()).isEqualTo("application/problem+json");
        assertThat(api.json().path("status").asInt()).isEqualTo(401);
        assertThat(api.json().path("detail").asText()).startsWith("this gateway needs an access token");
    }

    @Test
    void aWrongTokenIsRefusedAlikeWhicheverPartIsWrong() {
        String right = Guarded.ADMIN.token();
        String otherSecret = right.substring(0, right.indexOf('.') + 1) + "A".repeat(43); // its salt, not its secret
        String unknownSalt = TokenHash.newToken(TokenHash.MIN_ITERATIONS).token(); // a token of no configured hash
        List<RawClient.Answer> answers = List.of(otherSecret, unknownSalt, "not-even-a-token", right + "x").stream()
                .map(t -> raw.post(RawClient.initializeBody("2025-11-25"), Guarded.bearer(t))).toList();

        for (RawClient.Answer a : answers) {
            assertThat(a.status()).isEqualTo(401);
            assertThat(a.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"switchboard\", error=\"invalid_token\"");
            assertThat(a.body()).isEqualTo(answers.get(0).body());
            assertThat(a.sessionId()).isNull();
        }
        assertThat(answers.get(0).json().path("error").path("message").asText()).isEqualTo("the access token is not"
                + " valid: it is none of gateway.tokens (mistyped, or its hash was removed); send the token that"
                + " switchboard token create printed, as Authorization: Bearer <token>");
    }

    @Test
    void theRightTokenIsLetInOnEveryTransport() {
        RawClient.Answer init = raw.post(RawClient.initializeBody("2025-11-25"), Guarded.bearer(Guarded.ADMIN
                .token()));
        assertThat(init.status()).isEqualTo(200);
        assertThat(init.sessionId()).isNotNull();

        var client = gateway.client(Guarded.ADMIN.token());
        try {
            assertThat(client.listTools().tools()).hasSize(3);
        } finally {
            client.closeGracefully();
        }
        try (LegacySseStream stream = LegacySseStream.open(gateway.url(), Guarded.bearer(Guarded.ADMIN.token()))) {
            assertThat(stream.initialize().path("result").path("serverInfo").path("name").asText())
                    .isEqualTo("switchboard");
        }
    }

    @Test
    void probesNeedNoToken() {
        RawClient.Answer healthz = raw.send(HttpRequest.newBuilder(gateway.url().resolve("/healthz")).GET().build());

        assertThat(healthz.status()).isNotEqualTo(401); // no handler in this module yet: 404, but never a refusal
    }
}
