package dev.switchboard.internal.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.switchboard.internal.observe.LogGate;
import dev.switchboard.internal.observe.Masker;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue 12: whatever a stdio server writes on stdout, the way in reads it line by line without failing, and every
 * line comes out as the model below says. Replays the committed corpus in every build; {@code JAZZER_FUZZ=1} fuzzes
 * for real (docs/reliability.md).
 */
class ReadsAnyServerOutputFuzzTest {

    /** The line reader against a model of it: split on \n, drop one trailing \r, keep at most maxChars. */
    @FuzzTest(maxDuration = "5m")
    void splitsLinesAsTheModelSays(byte[] input) throws IOException {
        int maxChars = input.length == 0 ? 1 : 1 + (input[0] & 0x0f);
        String text = new String(input, StandardCharsets.UTF_8);
        var reader = new StdioLineReader(new StringReader(text), maxChars);
        List<String> expected = new ArrayList<>(List.of(text.split("\n", -1)));
        if (expected.get(expected.size() - 1).isEmpty()) {
            expected.remove(expected.size() - 1); // nothing after the last \n: no line
        }
        for (String line : expected) {
            String whole = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            assertThat(reader.readLine()).as("line of %s", text).isEqualTo(whole.substring(0, Math.min(maxChars,
                    whole.length())));
            assertThat(reader.lastLineTruncated()).as("truncated, line of %s", text).isEqualTo(whole.length()
                    > maxChars);
        }
        assertThat(reader.readLine()).isNull();
    }

    /**
     * The inbound pump: any bytes are delivered as messages or skipped as invalid lines, never an exception; a
     * request (ids 1 and "a") stops waiting only with an answer delivered, a real one or a failure made up for it.
     */
    @FuzzTest(maxDuration = "5m")
    void deliversOrSkipsEveryLine(byte[] input) throws IOException {
        var inFlight = new StdioInFlight();
        inFlight.sent(1, "tools/call");
        inFlight.sent("a", "tools/list");
        var inbound = new StdioInbound("fuzz", McpJsonDefaults.getMapper(), inFlight, Masker.URLS_ONLY,
                LogGate.of(false, "INFO"));
        List<JSONRPCMessage> delivered = new ArrayList<>();
        inbound.setHandler(messages -> messages.doOnNext(delivered::add));

        inbound.pump(new ByteArrayInputStream(input), () -> { });

        long answers = delivered.stream().filter(JSONRPCResponse.class::isInstance).count();
        long waiting = inFlight.size();
        assertThat(waiting).isBetween(0L, 2L);
        assertThat(delivered.size()).isLessThanOrEqualTo(new String(input, StandardCharsets.UTF_8).split("\n", -1)
                .length);
        assertThat(answers).isGreaterThanOrEqualTo(2 - waiting);
    }
}
