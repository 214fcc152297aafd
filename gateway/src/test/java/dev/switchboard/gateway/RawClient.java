package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Plain HTTP against the gateway, for the transport's rules that a well-behaved SDK client never breaks. */
final class RawClient {
    static final ObjectMapper JSON = new ObjectMapper();
    // Its own executor: the HTTP client must not depend on the common pool, which a test may keep busy.
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(java.util.concurrent.Executors.newCachedThreadPool()).build();
    private final URI url;

    /** One answer: status, headers we look at, and the body read as JSON when it is JSON. */
    record Answer(int status, String sessionId, String contentType, String body, java.net.http.HttpHeaders headers) {
        /** A header's first value, or null. */
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    RawClient(URI url) {
        this.url = url;
    }

    /** Posts a JSON-RPC body with the headers a client must send, plus {@code headers} (a null value removes one). */
    Answer post(String body, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Content-Type", "application/json");
        all.put("Accept", "application/json, text/event-stream");
        all.putAll(headers);
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        all.forEach((k, v) -> {
            if (v != null) {
                b.header(k, v);
            }
        });
        return send(b.build());
    }

    Answer send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.headers().firstValue("Mcp-Session-Id").orElse(null),
                    r.headers().firstValue("Content-Type").orElse(null), r.body(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder request() {
        return HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(20));
    }

    /** Opens a session and sends {@code initialized}; returns its id. */
    String initialize(String version) {
        Answer a = post(initializeBody(version), Map.of());
        if (a.status() != 200 || a.sessionId() == null) {
            throw new IllegalStateException("initialize failed: " + a);
        }
        post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", Map.of("Mcp-Session-Id", a.sessionId()));
        return a.sessionId();
    }

    static String initializeBody(String version) {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"" + version
                + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";
    }

    static String request(int id, String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}";
    }
}
