package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official TypeScript SDK client resumes a cut SSE stream on its own, with a GET that carries the
 * {@code Last-Event-ID} of the last event it read, and the gateway replays exactly what it missed: no event lost, none
 * twice. The node script reads the wire under the SDK (see lib.mjs), so the test knows what went over each connection.
 */
class TypeScriptClientResumesDroppedStreamsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int STEPS = 5;
    private static RunningFakeServer one;
    private static RunningFakeServer two;
    private static Fixture fixture;

    /** One SSE event as the script saw it on a connection. */
    private record Event(String id, String method, int progress, boolean result) {
        static List<Event> of(JsonNode connection) {
            List<Event> out = new ArrayList<>();
            connection.get("events").forEach(e -> out.add(new Event(e.path("id").asText(null),
                    e.path("method").asText(null), e.path("progress").asInt(0), e.path("result").asBoolean())));
            return out;
        }
    }

    @BeforeAll
    static void start() {
        one = FakeMcpServer.builder().name("one").tool(FakeTool.echo("echo")).startHttp();
        two = FakeMcpServer.builder().name("two").tool(FakeTool.echo("echo")).startHttp();
        fixture = Fixture.start(List.of(
                Fixture.stdio("alpha", FakeMcpServer.builder().name("alpha")
                        .tool(FakeTool.progress("steps", STEPS, Duration.ofMillis(50))).build()),
                Fixture.http("one", one), Fixture.http("two", two)));
    }

    @AfterAll
    static void stop() {
        fixture.close();
        one.close();
        two.close();
    }

    /**
     * The SDK sees the call's stream break after two progress notifications while the gateway goes on sending on it
     * to the end; the SDK's GET resuming the stream gets exactly the events after its Last-Event-ID: the three
     * progress notifications and the result it missed.
     */
    @Test
    void aCallsStreamCutAfterTwoEventsIsResumedWithExactlyTheMissedOnes() throws Exception {
        List<JsonNode> lines = NodeScript.run("resume-post.mjs", fixture.url(), "alpha__steps", "tap", "2");

        assertCallCompleted(lines);
        JsonNode call = connection(lines, "POST");
        JsonNode resumed = resumingGet(lines);
        List<Event> sent = Event.of(call);
        int lastSeen = indexOf(sent, resumed.get("lastEventId").asText());
        List<Event> missed = sent.subList(lastSeen + 1, sent.size());
        assertThat(missed).as("what the gateway sent after the event the SDK resumed from").isNotEmpty()
                .last().extracting(Event::result).isEqualTo(true);
        assertThat(Event.of(resumed)).as("replayed on the resuming GET").containsExactlyElementsOf(missed);
    }

    /**
     * The connection of the call's stream is closed after two progress notifications while the call goes on; the SDK
     * resumes at once and the call completes on the resumed stream: the gateway did not cancel it, and every
     * notification reached the client once.
     */
    @Test
    void aCallsStreamDroppedMidCallIsResumedAndTheCallCompletes() throws Exception {
        List<JsonNode> lines = NodeScript.run("resume-post.mjs", fixture.url(), "alpha__steps", "drop", "2");

        assertCallCompleted(lines);
        List<Event> before = Event.of(connection(lines, "POST"));
        JsonNode resumed = resumingGet(lines);
        List<Event> after = Event.of(resumed);
        List<Event> seen = new ArrayList<>(before.subList(0, indexOf(before, resumed.get("lastEventId").asText()) + 1));
        seen.addAll(after);
        assertThat(seen).extracting(Event::id).doesNotHaveDuplicates();
        assertThat(seen.stream().filter(e -> e.progress() > 0).map(Event::progress).toList())
                .as("progress on the wire, both connections").containsExactlyElementsOf(range(STEPS));
        assertThat(after).as("the rest came on the resumed stream, ending with the result").isNotEmpty()
                .last().extracting(Event::result).isEqualTo(true);
    }

    /**
     * The session's GET stream: the SDK sees it break after the notifications of one catalog change, and the
     * notifications of a second change go out on the cut connection; the SDK's GET resuming the stream gets exactly
     * those, and its notification handler sees every notification once.
     */
    @Test
    void theSessionStreamIsResumedWithExactlyTheMissedNotifications() throws Exception {
        try (NodeScript node = NodeScript.start("resume-get.mjs", fixture.url())) {
            node.awaitStep("change-the-catalog", WAIT);
            fixture.switchboard.disable("one");
            node.answer("ok");
            node.awaitStep("change-the-catalog-again", WAIT);
            fixture.switchboard.disable("two");
            node.answer("ok");
            List<JsonNode> lines = node.finish(Duration.ofSeconds(30));

            JsonNode first = connection(lines, "GET");
            JsonNode resumed = resumingGet(lines);
            List<Event> sent = Event.of(first);
            int lastSeen = indexOf(sent, resumed.get("lastEventId").asText());
            List<Event> missed = sent.subList(lastSeen + 1, sent.size());
            assertThat(missed).as("sent on the cut connection after the event the SDK resumed from")
                    .extracting(Event::method).contains("notifications/tools/list_changed");
            assertThat(Event.of(resumed)).as("replayed on the resuming GET").startsWith(missed.toArray(Event[]::new));
            List<String> handled = new ArrayList<>();
            NodeScript.with(lines, "notifications").forEach(n -> handled.add(n.asText()));
            List<String> expected = new ArrayList<>(sent.subList(0, lastSeen + 1).stream().map(Event::method).toList());
            expected.addAll(Event.of(resumed).stream().map(Event::method).toList());
            assertThat(handled).as("what the SDK's handler saw: every notification once").isEqualTo(expected);
            assertThat(NodeScript.reported(lines)).allSatisfy(e -> assertThat(e).contains("the test cut"));
        }
    }

    private static void assertCallCompleted(List<JsonNode> lines) {
        JsonNode progress = NodeScript.with(lines, "progress");
        List<Integer> values = new ArrayList<>();
        progress.forEach(p -> values.add(p.path("progress").asInt()));
        assertThat(values).as("onprogress, once each, in order").containsExactlyElementsOf(range(STEPS));
        assertThat(NodeScript.with(lines, "result").at("/content/0/text").asText())
                .isEqualTo("done after " + STEPS + " steps");
        assertThat(NodeScript.reported(lines)).allSatisfy(e -> assertThat(e).contains("the test cut"));
    }

    private static JsonNode connection(List<JsonNode> lines, String method) {
        List<JsonNode> found = stream(NodeScript.with(lines, "connections"))
                .filter(c -> method.equals(c.path("method").asText()) && !c.path("cut").isNull()).toList();
        assertThat(found).as("the cut %s connection", method).hasSize(1);
        return found.get(0);
    }

    private static JsonNode resumingGet(List<JsonNode> lines) {
        List<JsonNode> found = stream(NodeScript.with(lines, "connections"))
                .filter(c -> "GET".equals(c.path("method").asText()) && c.get("lastEventId").isTextual()).toList();
        assertThat(found).as("one GET with Last-Event-ID").hasSize(1);
        return found.get(0);
    }

    private static int indexOf(List<Event> events, String id) {
        int i = events.stream().map(Event::id).toList().indexOf(id);
        assertThat(i).as("the Last-Event-ID %s is an event of the cut connection %s", id, events)
                .isGreaterThanOrEqualTo(0);
        return i;
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false);
    }

    private static List<Integer> range(int n) {
        return IntStream.rangeClosed(1, n).boxed().toList();
    }
}
