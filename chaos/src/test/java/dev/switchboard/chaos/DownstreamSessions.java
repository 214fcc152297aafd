package dev.switchboard.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Downstream MCP sessions opened and closed one after another on a gateway, over plain HTTP with one client for
 * all: each is initialized, makes one call and is ended with a DELETE, as a well-behaved MCP client does. One shared
 * HTTP client keeps the test's own connections and threads constant, so what grows is the gateway's.
 */
final class DownstreamSessions implements AutoCloseable {
    private static final String VERSION = "2025-11-25";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI endpoint;

    DownstreamSessions(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** Opens a session, calls {@code tool}, ends the session; throws naming the step that was refused. */
    void openCallClose(String tool, int n) throws IOException, InterruptedException {
        HttpResponse<String> init = send(post(null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                + "\"params\":{\"protocolVersion\":\"" + VERSION + "\",\"capabilities\":{},"
                + "\"clientInfo\":{\"name\":\"soak-" + n + "\",\"version\":\"1\"}}}"), "initialize");
        String session = init.headers().firstValue("Mcp-Session-Id")
                .orElseThrow(() -> new IllegalStateException("initialize gave no session: " + init.body()));
        send(post(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"), "initialized");
        HttpResponse<String> call = send(post(session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"" + tool + "\",\"arguments\":{\"n\":" + n + "}}}"), "tools/call");
        // The echo is the arguments as JSON text inside the JSON answer: {\"n\":7}.
        if (!call.body().contains("\\\"n\\\":" + n + "}") || !call.body().contains("\"isError\":false")) {
            throw new IllegalStateException("session " + n + ": the call did not echo: " + call.body());
        }
        send(request(session).DELETE().build(), "DELETE");
    }

    private HttpRequest post(String session, String body) {
        return request(session).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpRequest.Builder request(String session) {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60));
        return session == null ? b : b.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", VERSION);
    }

    private HttpResponse<String> send(HttpRequest request, String step) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(step + " answered " + r.statusCode() + ": " + r.body());
        }
        return r;
    }

    @Override
    public void close() {
        http.close();
    }
}
