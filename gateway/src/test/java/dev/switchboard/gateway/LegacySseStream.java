package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One stream of the gateway's legacy HTTP+SSE transport read over plain HTTP, the way an old client reads it: the
 * {@code endpoint} event first, then {@code message} events; and POSTs to the URL the endpoint event named.
 */
final class LegacySseStream implements AutoCloseable {
    /** One SSE event: its type (null when the stream names none) and its data. */
    record Event(String type, String data) {
        JsonNode json() {
            try {
                return RawClient.JSON.readTree(data);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + data, e);
            }
        }
    }

    // Its own executor: the HTTP client must not depend on the common pool, which a test may keep busy.
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newCachedThreadPool()).build();
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final URI base;
    private final InputStream body;
    private final String endpoint;
    /** Sent with every request of this stream (the GET and each POST). */
    private final Map<String, String> always;

    private LegacySseStream(URI base, Map<String, String> headers) {
        this.base = base;
        this.always = headers;
        HttpResponse<InputStream> r = get(http, base.resolve(LegacySseEndpoint.SSE_PATH), headers);
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET /sse answered " + r.statusCode());
        }
        this.body = r.body();
        Thread.ofVirtual().name("legacy-sse-reader").start(this::read);
        Event first = next(Duration.ofSeconds(10));
        if (!"endpoint".equals(first.type())) {
            throw new IllegalStateException("the first event is not the endpoint: " + first);
        }
        this.endpoint = first.data();
    }

    /** Opens a stream of the gateway at {@code url} (its {@code /mcp} URL: the stream is {@code /sse} next to it). */
    static LegacySseStream open(URI url) {
        return new LegacySseStream(url, Map.of());
    }

    /** Opens a stream sending {@code headers} (e.g. a token) with the GET. */
    static LegacySseStream open(URI url, Map<String, String> headers) {
        return new LegacySseStream(url, headers);
    }

    static HttpResponse<InputStream> get(HttpClient http, URI sse, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(sse).header("Accept", "text/event-stream").GET();
        headers.forEach(b::header);
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The data of the endpoint event: where this stream's messages are POSTed. */
    String endpoint() {
        return endpoint;
    }

    String sessionId() {
        return endpoint.substring(endpoint.indexOf("sessionId=") + "sessionId=".length());
    }

    /** POSTs a message to this stream's endpoint with Content-Type JSON, plus {@code headers}. */
    RawClient.Answer post(String body, Map<String, String> headers) {
        return post(base.resolve(endpoint), body, headers);
    }

    RawClient.Answer post(URI to, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(to).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        always.forEach(b::setHeader);
        headers.forEach(b::setHeader);
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new RawClient.Answer(r.statusCode(), null, r.headers().firstValue("Content-Type").orElse(null),
                    r.body(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Initializes the session as a 2024-11-05 client does: initialize, its answer on the stream, initialized. */
    JsonNode initialize() {
        post(RawClient.initializeBody("2024-11-05"), Map.of());
        JsonNode answer = awaitMessage(m -> m.path("id").asInt() == 1);
        post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", Map.of());
        return answer;
    }

    /** The next event, waiting up to {@code timeout}. */
    Event next(Duration timeout) {
        try {
            Event e = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (e == null) {
                throw new AssertionError("no event within " + timeout);
            }
            return e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next {@code message} event that matches, skipping others; every message event must carry its type. */
    JsonNode awaitMessage(Predicate<JsonNode> matching) {
        while (true) {
            Event e = next(Duration.ofSeconds(20));
            if (!"message".equals(e.type())) {
                throw new AssertionError("an event that is not a message: " + e);
            }
            JsonNode message = e.json();
            if (matching.test(message)) {
                return message;
            }
        }
    }

    /** Closes the stream the way a client does that goes away: the connection closes. */
    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String type = null;
            StringBuilder data = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (data != null) {
                        // A missing type is recorded as null: the gateway must name every event.
                        events.add(new Event(type, data.toString()));
                    }
                    type = null;
                    data = null;
                } else if (line.startsWith("event:")) {
                    type = line.substring("event:".length()).strip();
                } else if (line.startsWith("data:")) {
                    String value = line.substring("data:".length()).stripLeading();
                    data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                }
            }
        } catch (IOException e) {
            // the stream closed
        }
    }
}
