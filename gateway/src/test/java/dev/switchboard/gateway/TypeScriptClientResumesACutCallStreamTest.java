package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.ScriptedConnections.Event;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official TypeScript SDK client loses the SSE stream of a tool call after two progress notifications and
 * resumes it on its own, with a GET that carries the {@code Last-Event-ID} of the last event it read: the gateway
 * replays exactly what it missed, the call goes on, and {@code onprogress} sees every notification once, in order.
 * The node script reads the wire under the SDK (see lib.mjs), so the test knows what went over each connection.
 */
class TypeScriptClientResumesACutCallStreamTest {
    private static final int STEPS = 5;
    private static Fixture fixture;

    @BeforeAll
    static void start() {
        fixture = Fixture.start(List.of(Fixture.stdio("alpha", FakeMcpServer.builder().name("alpha")
                .tool(FakeTool.progress("steps", STEPS, Duration.ofMillis(50))).build())));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    /**
     * The SDK sees the stream break while the gateway goes on sending on it to the end; the resuming GET gets exactly
     * the events sent after its Last-Event-ID: the progress notifications and the result the SDK missed.
     */
    @Test
    void theResumingGetReplaysExactlyWhatTheSdkMissed() throws Exception {
        List<JsonNode> lines = NodeScript.run("resume-post.mjs", fixture.url(), "alpha__steps", "tap", "2");

        assertCallCompletedWithEveryProgressOnce(lines);
        ScriptedConnections wire = new ScriptedConnections(lines);
        List<Event> missed = wire.missed(wire.cut("POST"));
        assertThat(missed).as("what the gateway sent after the event the SDK resumed from").isNotEmpty()
                .last().extracting(Event::result).isEqualTo(true);
        assertThat(wire.resumed()).as("replayed on the resuming GET").containsExactlyElementsOf(missed);
    }

    /**
     * The connection is closed for real (the gateway sees its client go away) while the call goes on; the SDK
     * resumes at once, the gateway does not cancel the call, and the rest of it arrives on the resumed stream.
     */
    @Test
    void aDroppedConnectionIsResumedAndTheCallCompletes() throws Exception {
        List<JsonNode> lines = NodeScript.run("resume-post.mjs", fixture.url(), "alpha__steps", "drop", "2");

        assertCallCompletedWithEveryProgressOnce(lines);
        ScriptedConnections wire = new ScriptedConnections(lines);
        List<Event> read = wire.readBySdk(wire.cut("POST"));
        assertThat(read).extracting(Event::id).as("no event twice").doesNotHaveDuplicates();
        assertThat(read.stream().filter(e -> e.progress() > 0).map(Event::progress).toList())
                .as("progress on the wire, both connections").containsExactlyElementsOf(range(STEPS));
        assertThat(wire.resumed()).as("the rest came on the resumed stream, ending with the result").isNotEmpty()
                .last().extracting(Event::result).isEqualTo(true);
    }

    private static void assertCallCompletedWithEveryProgressOnce(List<JsonNode> lines) {
        List<Integer> values = new ArrayList<>();
        NodeScript.with(lines, "progress").forEach(p -> values.add(p.path("progress").asInt()));
        assertThat(values).as("onprogress, once each, in order").containsExactlyElementsOf(range(STEPS));
        assertThat(NodeScript.with(lines, "result").at("/content/0/text").asText())
                .isEqualTo("done after " + STEPS + " steps");
        assertThat(NodeScript.reported(lines)).allSatisfy(e -> assertThat(e).contains("the test cut"));
    }

    private static List<Integer> range(int n) {
        return IntStream.rangeClosed(1, n).boxed().toList();
    }
}
