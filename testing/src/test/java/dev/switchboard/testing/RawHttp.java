package dev.switchboard.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/**
 * Streamable HTTP spoken by hand, for what the SDK client cannot do (send cancellations) or show (a dropped call).
 */
final class RawHttp implements AutoCloseable {

    private final HttpClient http = HttpClient.newHttpClient();
    private final String url;
    private String session;

    RawHttp(String url) {
        this.url = url;
    }

    /** Initializes a session; returns the HTTP status of the initialize request. */
    int handshake() throws IOException, InterruptedException {
        var init = http.send(post(RawStdio.INITIALIZE), HttpResponse.BodyHandlers.ofString());
        session = init.headers().firstValue("Mcp-Session-Id").orElse(null);
        if (session != null) {
            http.send(post(RawStdio.INITIALIZED), HttpResponse.BodyHandlers.discarding());
        }
        return init.statusCode();
    }

    HttpResponse<String> send(String json) throws IOException, InterruptedException {
        return http.send(post(json), HttpResponse.BodyHandlers.ofString());
    }

    CompletableFuture<HttpResponse<String>> sendAsync(String json) {
        return http.sendAsync(post(json), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest post(String json) {
        var request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (session != null) {
            request.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-06-18");
        }
        return request.build();
    }

    @Override
    public void close() {
        // Not close(): that waits for pending calls, and a test may leave a hanging one behind.
        http.shutdownNow();
    }
}
