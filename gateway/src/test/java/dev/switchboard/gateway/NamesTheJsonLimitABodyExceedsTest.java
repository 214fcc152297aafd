package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: a number of over 1,000 digits was refused as "nested more than N levels deep"; and REST bodies were read
 * without gateway.max_json_depth, which the MCP endpoint keeps to.
 */
class NamesTheJsonLimitABodyExceedsTest {
    private static final ObjectMapper READER = JsonRpc.reader(16);

    @Test
    void aNumberTooLongIsNotCalledTooDeep() {
        byte[] body = ("{\"jsonrpc\":\"2.0\",\"id\":" + "9".repeat(1_200) + ",\"method\":\"ping\"}")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> JsonRpc.parse(body, READER)).isInstanceOfSatisfying(JsonRpc.Failure.class, f -> {
            assertThat(f.code()).isEqualTo(JsonRpc.INVALID_REQUEST);
            assertThat(f.getMessage()).startsWith("the body has a value larger than the gateway reads: Number value"
                    + " length (1200) exceeds the maximum allowed (1000").doesNotContain("nested");
        });
    }

    @Test
    void aRestBodyKeepsToTheDepthLimit() {
        byte[] deep = ("{\"a\":" + "[".repeat(20) + "]".repeat(20) + "}").getBytes(StandardCharsets.UTF_8);
        byte[] within = ("{\"a\":" + "[".repeat(15) + "]".repeat(15) + "}").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> RestBody.json(deep, READER)).isInstanceOf(RestProblem.class)
                .hasMessage("the body is nested more than 16 levels deep, the gateway's max_json_depth (expected:"
                        + " flatter arguments, or a higher gateway.max_json_depth)");
        assertThat(RestBody.json(within, READER).isObject()).isTrue();
    }
}
