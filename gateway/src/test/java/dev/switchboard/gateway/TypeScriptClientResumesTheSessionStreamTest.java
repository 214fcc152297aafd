package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.ScriptedConnections.Event;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The official TypeScript SDK client loses the session's GET stream after the {@code list_changed} of one catalog
 * change, the catalog changes again, and the SDK resumes the stream on its own with {@code Last-Event-ID}: the
 * notification of the second change arrives, and the SDK's handler sees every notification once, none lost, none
 * twice. The node script reads the wire under the SDK (see lib.mjs), so the test knows what went over each connection.
 */
class TypeScriptClientResumesTheSessionStreamTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String LIST_CHANGED = "notifications/tools/list_changed";

    /** The SDK sees the stream break while the gateway goes on sending on it: the resuming GET replays exactly that. */
    @Test
    void theResumingGetReplaysExactlyWhatTheSdkMissed() throws Exception {
        ScriptedConnections wire = cutBetweenTwoCatalogChanges("tap");

        List<Event> missed = wire.missed(wire.cut("GET"));
        assertThat(missed).extracting(Event::method).as("sent on the cut connection after the SDK's Last-Event-ID")
                .containsOnlyOnce(LIST_CHANGED);
        assertThat(wire.resumed()).as("replayed on the resuming GET").containsExactlyElementsOf(missed);
    }

    /** The connection is closed for real and the second change is made while no stream is connected. */
    @Test
    void aChangeMadeWhileTheStreamWasDroppedArrivesOnTheResumedStream() throws Exception {
        ScriptedConnections wire = cutBetweenTwoCatalogChanges("drop");

        assertThat(wire.resumed()).extracting(Event::method).as("the resumed stream").containsOnlyOnce(LIST_CHANGED);
    }

    /**
     * Runs resume-get.mjs: one catalog change (server "one" disabled) before the cut, one ("two" disabled) after it;
     * checks that the SDK handled every notification it read once, one tools/list_changed per change (each change
     * also brings those of prompts and resources).
     */
    private static ScriptedConnections cutBetweenTwoCatalogChanges(String mode) throws Exception {
        try (RunningFakeServer one = FakeMcpServer.builder().name("one").tool(FakeTool.echo("echo")).startHttp();
                RunningFakeServer two = FakeMcpServer.builder().name("two").tool(FakeTool.echo("echo")).startHttp();
                Fixture fixture = Fixture.start(List.of(Fixture.http("one", one), Fixture.http("two", two)));
                NodeScript node = NodeScript.start("resume-get.mjs", fixture.url(), mode)) {
            node.awaitStep("change-the-catalog", WAIT);
            fixture.switchboard.disable("one");
            node.answer("ok");
            node.awaitStep("change-the-catalog-again", WAIT);
            fixture.switchboard.disable("two");
            node.answer("ok");
            List<JsonNode> lines = node.finish(Duration.ofSeconds(30));

            ScriptedConnections wire = new ScriptedConnections(lines);
            List<Event> cut = wire.cut("GET");
            assertThat(wire.readBeforeTheCut(cut)).extracting(Event::method).as("read before the cut")
                    .containsOnlyOnce(LIST_CHANGED);
            List<Event> read = wire.readBySdk(cut);
            assertThat(read).extracting(Event::id).as("no event twice").doesNotHaveDuplicates();
            List<String> handled = new ArrayList<>();
            NodeScript.with(lines, "notifications").forEach(n -> handled.add(n.asText()));
            assertThat(handled).as("what the SDK's handler saw: every notification it read, once")
                    .isEqualTo(read.stream().map(Event::method).toList())
                    .as("one tools/list_changed per change").filteredOn(LIST_CHANGED::equals).hasSize(2);
            assertThat(NodeScript.reported(lines)).allSatisfy(e -> assertThat(e).contains("the test cut"));
            return wire;
        }
    }
}
