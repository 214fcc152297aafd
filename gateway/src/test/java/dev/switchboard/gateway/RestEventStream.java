package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A client of {@code GET /api/v1/events} for tests: it reads the stream on a thread of its own and keeps each event's
 * data (JSON with its kind) in arrival order; the end of the stream is an event of kind {@code end}.
 */
final class RestEventStream implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().executor(Executors.newCachedThreadPool()).build();
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    final int status;
    /** The events {@link #next} passed over, in order. */
    final List<JsonNode> skipped = new CopyOnWriteArrayList<>();
    private final Stream<String> lines;

    RestEventStream(URI gateway, String pathAndQuery, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(gateway.resolve(pathAndQuery)).header("Accept",
                "text/event-stream");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<Stream<String>> r = http.send(b.build(), HttpResponse.BodyHandlers.ofLines());
        this.status = r.statusCode();
        this.lines = r.body();
        Thread.ofVirtual().name("rest-event-stream").start(() -> {
            try {
                lines.forEach(line -> {
                    if (line.startsWith("data: ")) {
                        try {
                            events.add(JSON.readTree(line.substring(6)));
                        } catch (IOException e) {
                            events.add(JSON.createObjectNode().put("kind", "unreadable").put("line", line));
                        }
                    }
                });
            } catch (RuntimeException closed) {
                // closed by the test
            }
            events.add(JSON.createObjectNode().put("kind", "end"));
        });
    }

    /** The next event that fits, skipping others; fails when none comes within 20 seconds. */
    JsonNode next(Predicate<JsonNode> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            JsonNode e = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (e == null) {
                throw new AssertionError("no fitting event within 20 s");
            }
            if (wanted.test(e)) {
                return e;
            }
            skipped.add(e);
        }
    }

    static Predicate<JsonNode> kind(String kind) {
        return e -> kind.equals(e.path("kind").asText());
    }

    static Predicate<JsonNode> state(String server, String state) {
        return e -> "state".equals(e.path("kind").asText()) && server.equals(e.path("server").asText())
                && state.equals(e.path("details").path("state").asText());
    }

    @Override
    public void close() {
        lines.close();
        http.shutdownNow();
    }
}
