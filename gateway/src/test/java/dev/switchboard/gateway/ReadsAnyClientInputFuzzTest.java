package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Issue 12: what a client sends (a JSON-RPC body, a REST body, a cursor, a session id, an SSE event id, an Origin,
 * a protocol version) is read into a value or refused with a typed error that says why, never anything else.
 * Replays the committed corpus in every build; {@code JAZZER_FUZZ=1} fuzzes for real (docs/reliability.md).
 * {@code ServesAnyHttpRequestFuzzTest} sends such input through the running gateway.
 */
class ReadsAnyClientInputFuzzTest {
    private static final ObjectMapper READER = JsonRpc.reader(64);
    private static final Set<String> CALL_FIELDS = Set.of("tool", "arguments", "timeout", "attempts", "mode");

    @FuzzTest(maxDuration = "5m")
    void readsAJsonRpcMessageOrSaysWhyNot(byte[] body) {
        try {
            JsonRpc.Message m = JsonRpc.parse(body, READER);
            assertThat(Stream.of(m.isRequest(), m.isNotification(), m.isResponse()).filter(b -> b)).hasSize(1);
            assertThat(m.paramsOrEmpty()).isNotNull();
        } catch (JsonRpc.Failure f) {
            assertThat(f.code()).isIn(JsonRpc.PARSE_ERROR, JsonRpc.INVALID_REQUEST);
            assertThat(f.getMessage()).isNotBlank();
        }
    }

    /** The fields the REST API's call route reads, in its order, from any body. */
    @FuzzTest(maxDuration = "5m")
    void readsARestBodyOrAnswers400(byte[] bytes) {
        try {
            RestBody body = RestBody.of(RestBody.json(bytes, READER), "body", CALL_FIELDS);
            body.requiredText("tool");
            body.map("arguments");
            body.duration("timeout");
            body.integer("attempts", 1, 1);
            body.choice("mode", List.of("all", "first"), "all");
        } catch (RestProblem p) {
            assertThat(p.getMessage()).isNotBlank();
        }
    }

    /** Cursors, session ids, SSE event ids, origins and protocol versions: text from headers and params. */
    @FuzzTest(maxDuration = "5m")
    void readsHeaderAndParamTextOrRefusesIt(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            Pages.decode(text, "tools");
        } catch (JsonRpc.Failure f) {
            assertThat(f.code()).isEqualTo(JsonRpc.INVALID_PARAMS);
        }
        assertThat(Pages.decode(Pages.encode("tools", text), "tools")).isEqualTo(text);
        Sessions sessions = new Sessions(10, 10, 16, Duration.ofMinutes(1), Clock.systemUTC());
        assertThat(sessions.find(text)).isNull();
        assertThat(sessions.close(text, "fuzz")).isFalse();
        long[] event = EventStream.parseEventId(text);
        assertThat(event == null || event.length == 2).isTrue();
        new Origins(List.of("https://app.example.com")).allowed(text);
        assertThat(Handshake.negotiate(text)).isNotNull();
    }
}
