package dev.switchboard.internal.auth;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP exchanges of one authorization flow with metadata, registration and token endpoints: its own client
 * (those are not MCP traffic), closed when the flow ends. Nimbus builds and parses the OAuth messages; this only
 * carries them, because Nimbus's own transport is {@code HttpURLConnection} with its own timeouts and proxies.
 */
final class AuthHttp implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 1 << 20;

    private final HttpClient client;
    private final Duration timeout;

    AuthHttp(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /**
     * The JSON object at {@code url}, or empty when the server has none there (any 4xx, or a body that is not a
     * JSON object): discovery then tries the next location.
     *
     * @throws IOException when the server could not be reached or failed (5xx)
     */
    Optional<Map<String, Object>> getJson(URI url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).header("Accept", "application/json")
                .header("MCP-Protocol-Version", "2025-11-25").GET().build();
        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 500) {
            throw new IOException("HTTP " + r.statusCode() + " from " + url);
        }
        if (r.statusCode() != 200 || r.body().length() > MAX_BODY) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(r.body(), new TypeReference<Map<String, Object>>() { }));
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }

    /** Sends a request Nimbus built (a token or registration request) and hands the answer back to Nimbus. */
    HTTPResponse send(HTTPRequest nimbus) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(nimbus.getURI()).timeout(timeout);
        Map<String, List<String>> headers = nimbus.getHeaderMap();
        headers.forEach((name, values) -> values.forEach(v -> b.header(name, v)));
        String body = nimbus.getBody();
        b.method(nimbus.getMethod().name(), body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        HTTPResponse out = new HTTPResponse(r.statusCode());
        r.headers().map().forEach((name, values) -> out.setHeader(name, values.toArray(String[]::new)));
        // Nimbus looks for "Content-Type" itself; the JDK gives header names in lower case (HTTP/2 style).
        r.headers().firstValue("content-type").ifPresent(type -> out.setHeader("Content-Type", type));
        out.setContent(r.body());
        return out;
    }

    @Override
    public void close() {
        client.shutdownNow();
    }
}
