package dev.switchboard.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP endpoint on a loopback port that answers every request the same scripted way. */
final class StubHttpEndpoint implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    private StubHttpEndpoint(int status, String contentType, String body, Map<String, String> headers) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> answer(exchange, status, contentType, body, headers));
        server.start();
    }

    static StubHttpEndpoint answering(int status, String contentType, String body, Map<String, String> headers) {
        return new StubHttpEndpoint(status, contentType, body, headers);
    }

    /** Answers initialize with a result naming a protocol version nobody supports. */
    static StubHttpEndpoint initializingWithVersion(String version) {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":\"ID\",\"result\":{\"protocolVersion\":\"" + version
                + "\",\"capabilities\":{},\"serverInfo\":{\"name\":\"stub\",\"version\":\"1\"}}}";
        return new StubHttpEndpoint(200, "application/json", body, Map.of());
    }

    private void answer(HttpExchange ex, int status, String contentType, String body, Map<String, String> headers)
            throws IOException {
        requests.incrementAndGet();
        String request = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String text = body.replace("\"ID\"", idOf(request));
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        if (contentType != null) {
            ex.getResponseHeaders().add("Content-Type", contentType);
        }
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
        ex.close();
    }

    /** The JSON-RPC id of the request, so the stub's answer matches it. */
    private static String idOf(String request) {
        var m = java.util.regex.Pattern.compile("\"id\"\\s*:\\s*(\"[^\"]*\"|\\d+)").matcher(request);
        return m.find() ? m.group(1) : "0";
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
