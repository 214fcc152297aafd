package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A body over {@code gateway.max_request_bytes} is refused with 413, and one nested deeper than
 * {@code gateway.max_json_depth} with 400 while it is read (no deeper tree is ever built), each saying which setting;
 * a body within both goes through.
 */
class RefusesOversizedAndDeeplyNestedBodiesTest {
    private static Guarded gateway;
    private static RawClient raw;
    private static Map<String, String> session;

    @BeforeAll
    static void start() {
        gateway = Guarded.start(b -> b.maxRequestBytes(2048).maxJsonDepth(16));
        raw = new RawClient(gateway.url());
        String id = raw.post(RawClient.initializeBody("2025-11-25"), Guarded.bearer(Guarded.ADMIN.token()))
                .sessionId();
        session = new HashMap<>(Guarded.bearer(Guarded.ADMIN.token()));
        session.put("Mcp-Session-Id", id);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void aBodyNestedTooDeeplyIsRefusedWith400() {
        // The envelope, params and arguments take 3 levels: 14 more make 17, one over the limit.
        RawClient.Answer deep = raw.post(call(nested(14)), session);
        RawClient.Answer deepest = raw.post(call(nested(100_000)).substring(0, 2000), session);

        assertThat(deep.status()).isEqualTo(400);
        assertThat(deep.json().path("error").path("message").asText()).isEqualTo("the body is nested more than 16"
                + " levels deep, the gateway's max_json_depth (expected: flatter arguments, or a higher"
                + " gateway.max_json_depth)");
        assertThat(deepest.status()).isEqualTo(400);
    }

    @Test
    void aBodyWithinTheLimitsGoesThrough() {
        RawClient.Answer ok = raw.post(call(nested(13)), session);

        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body()).contains("\"isError\":false");
    }

    @Test
    void aBodyTooLargeIsRefusedWith413() {
        RawClient.Answer big = raw.post(call("\"" + "x".repeat(3000) + "\""), session);

        assertThat(big.status()).isEqualTo(413);
        assertThat(big.json().path("error").path("message").asText()).isEqualTo("the message is larger than"
                + " gateway.max_request_bytes (2048 bytes)");
    }

    @Test
    void theLegacyTransportHasTheSameDepthLimit() {
        try (LegacySseStream stream = LegacySseStream.open(gateway.url(), Guarded.bearer(Guarded.ADMIN.token()))) {
            RawClient.Answer deep = stream.post(call(nested(14)), Map.of());

            assertThat(deep.status()).isEqualTo(400);
            assertThat(deep.body()).contains("nested more than 16 levels deep");
        }
    }

    private static String call(String value) {
        return RawClient.request(7, "tools/call", "{\"name\":\"github__search\",\"arguments\":{\"v\":" + value + "}}");
    }

    /** A value nested {@code levels} arrays deep. */
    private static String nested(int levels) {
        return "[".repeat(levels) + "]".repeat(levels);
    }
}
