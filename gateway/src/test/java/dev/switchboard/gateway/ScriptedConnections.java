package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * The SSE connections a node script recorded under the SDK ({@code "connections"}, see lib.mjs): the one the script
 * cut, the GET with which the SDK resumed it, and the events that went over each.
 */
final class ScriptedConnections {
    /** One SSE event as the script saw it on a connection. */
    record Event(String id, String method, int progress, boolean result) {
    }

    private final List<JsonNode> connections = new ArrayList<>();

    ScriptedConnections(List<JsonNode> lines) {
        NodeScript.with(lines, "connections").forEach(connections::add);
    }

    /** The events of the connection the script cut (there is one, opened with {@code method}). */
    List<Event> cut(String method) {
        List<JsonNode> found = connections.stream()
                .filter(c -> method.equals(c.path("method").asText()) && !c.path("cut").isNull()).toList();
        assertThat(found).as("the cut %s connection in %s", method, connections).hasSize(1);
        return events(found.get(0));
    }

    /** The events of the one GET with which the SDK resumed the cut stream. */
    List<Event> resumed() {
        return events(resumingGet());
    }

    /** The {@code Last-Event-ID} of the SDK's resuming GET. */
    String lastEventId() {
        return resumingGet().get("lastEventId").asText();
    }

    /** The events of {@code cut} up to the resuming GET's {@code Last-Event-ID}: those the SDK read before the cut. */
    List<Event> readBeforeTheCut(List<Event> cut) {
        return cut.subList(0, indexOf(cut, lastEventId()) + 1);
    }

    /** The events of {@code cut} after the resuming GET's {@code Last-Event-ID}: those the SDK missed. */
    List<Event> missed(List<Event> cut) {
        return cut.subList(indexOf(cut, lastEventId()) + 1, cut.size());
    }

    /** Every event the SDK read: before the cut, then on the resumed stream. */
    List<Event> readBySdk(List<Event> cut) {
        List<Event> all = new ArrayList<>(readBeforeTheCut(cut));
        all.addAll(resumed());
        return all;
    }

    private JsonNode resumingGet() {
        List<JsonNode> found = connections.stream()
                .filter(c -> "GET".equals(c.path("method").asText()) && c.get("lastEventId").isTextual()).toList();
        assertThat(found).as("one GET with Last-Event-ID in %s", connections).hasSize(1);
        return found.get(0);
    }

    private static List<Event> events(JsonNode connection) {
        return StreamSupport.stream(connection.get("events").spliterator(), false)
                .map(e -> new Event(e.path("id").asText(null), e.path("method").asText(null),
                        e.path("progress").asInt(0), e.path("result").asBoolean()))
                .toList();
    }

    private static int indexOf(List<Event> events, String id) {
        int i = events.stream().map(Event::id).toList().indexOf(id);
        assertThat(i).as("the Last-Event-ID %s is an event of the cut connection %s", id, events)
                .isGreaterThanOrEqualTo(0);
        return i;
    }
}
