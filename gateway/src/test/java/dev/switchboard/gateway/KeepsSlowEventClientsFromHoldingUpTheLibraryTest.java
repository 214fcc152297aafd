package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The event stream's buffers: the library's listener thread never waits for a client; a client that does not read
 * keeps only the newest events, is told how many it lost before the ones it gets, and sees only what its token may.
 */
class KeepsSlowEventClientsFromHoldingUpTheLibraryTest {
    private final ServerEvents events = new ServerEvents(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"),
            ZoneOffset.UTC), 8);

    @Test
    void aClientThatDoesNotReadKeepsTheNewestEventsAndIsToldHowManyItLost() throws Exception {
        ServerEvents.Subscription slow = events.subscribe(Caller.ANYONE, null);

        for (int i = 0; i < 10_000; i++) { // returns at once: nothing waits for the reader
            events.publish("alpha", null, "probe", null, JsonRpc.object().put("n", i));
        }

        assertThat(slow.buffer().size()).isEqualTo(8);
        EventBuffer.Taken first = slow.buffer().take(Duration.ZERO);
        assertThat(first.event()).isNull();
        assertThat(first.dropped()).isEqualTo(9_992);
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            kept.add(slow.buffer().take(Duration.ZERO).event().details().path("n").asInt());
        }
        assertThat(kept).containsExactly(9_992, 9_993, 9_994, 9_995, 9_996, 9_997, 9_998, 9_999);
        assertThat(slow.buffer().take(Duration.ZERO)).isEqualTo(new EventBuffer.Taken(null, 0, null));
    }

    @Test
    void aClosedStreamEndsAfterTheEventsWaitingForIt() throws Exception {
        ServerEvents.Subscription s = events.subscribe(Caller.ANYONE, null);
        events.publish("alpha", null, "state", null, JsonRpc.object());

        events.close();
        events.publish("alpha", null, "state", null, JsonRpc.object());

        assertThat(s.buffer().take(Duration.ZERO).event().kind()).isEqualTo("state");
        assertThat(s.buffer().take(Duration.ofSeconds(5)).closed()).isEqualTo("the gateway is stopping");
        assertThat(events.subscribe(Caller.ANYONE, null).buffer().take(Duration.ofSeconds(5)).closed())
                .as("a stream opened while stopping ends at once").isNotNull();
    }

    @Test
    void aClientHearsOnlyOfWhatItsCallerMaySee() throws Exception {
        Caller alphaOnly = new Caller() {
            @Override
            public String name() {
                return "alpha-only";
            }

            @Override
            public boolean maySee(String server, String tool) {
                return "alpha".equals(server) && (tool == null || "echo".equals(tool));
            }

            @Override
            public boolean mayControl() {
                return false;
            }

            @Override
            public Duration permitCall() {
                return null;
            }
        };
        ServerEvents.Subscription s = events.subscribe(alphaOnly, null);
        JsonNode reload = JsonRpc.MAPPER.readTree("{\"added\": [\"alpha\", \"beta\"], \"removed\": [\"gamma\"],"
                + " \"changed\": [], \"unchanged\": []}");

        events.publish("beta", null, "state", null, JsonRpc.object());
        events.publish("alpha", "secret", "call", null, JsonRpc.object());
        events.publish("alpha", "echo", "call", null, JsonRpc.object());
        events.publish(null, null, "reload", null, (ObjectNode) reload);

        ServerEvents.Event call = s.buffer().take(Duration.ZERO).event();
        assertThat(call.tool()).isEqualTo("echo");
        JsonNode shown = s.buffer().take(Duration.ZERO).event().json(alphaOnly);
        assertThat(shown.path("details").path("added").toString()).isEqualTo("[\"alpha\"]");
        assertThat(shown.path("details").path("removed").size()).isZero();
        assertThat(s.buffer().size()).isZero();
    }
}
