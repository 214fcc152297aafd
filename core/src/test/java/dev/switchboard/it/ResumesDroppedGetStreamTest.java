package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.ServerState;
import dev.switchboard.Switchboard;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.SwitchboardConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A Streamable HTTP server whose GET event stream breaks off: the stream is resumed with {@code Last-Event-ID}, and
 * not before the {@code retry:} interval the server gave on it has passed.
 */
class ResumesDroppedGetStreamTest {
    private static final long RETRY_MS = 400;

    @Test
    void theResumptionCarriesTheLastEventIdAndWaitsTheRetryInterval() throws Exception {
        try (var stub = new DroppingServer()) {
            var server = HttpServer.of("dropping", URI.create("http://127.0.0.1:" + stub.port() + "/mcp"));
            try (var sb = Switchboard.start(SwitchboardConfig.of(List.of(server)))) {
                assertThat(sb.status("dropping").state()).isEqualTo(ServerState.READY);
                String lastEventId = stub.resumed.get(30, TimeUnit.SECONDS);
                assertThat(lastEventId).isEqualTo("g-1");
                long waitedMs = TimeUnit.NANOSECONDS.toMillis(stub.resumedAt - stub.droppedAt);
                assertThat(waitedMs).as("waited for retry: %s ms", RETRY_MS).isGreaterThanOrEqualTo(RETRY_MS - 20);
            }
        }
    }

    /** Just enough Streamable HTTP over a raw socket to initialise, and a GET stream that it resets once. */
    private static final class DroppingServer implements AutoCloseable {
        private static final Pattern METHOD = Pattern.compile("\"method\"\\s*:\\s*\"([^\"]+)\"");
        private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\"[^\"]*\"|\\d+)");
        private final ServerSocket socket;
        final CompletableFuture<String> resumed = new CompletableFuture<>();
        volatile long droppedAt;
        volatile long resumedAt;
        private int gets;

        DroppingServer() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(this::accept);
        }

        int port() {
            return socket.getLocalPort();
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    Thread.ofVirtual().start(() -> serve(s));
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void serve(Socket s) {
            try (s) {
                var in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                String requestLine = in.readLine();
                Map<String, String> headers = new java.util.HashMap<>();
                for (String h = in.readLine(); h != null && !h.isEmpty(); h = in.readLine()) {
                    int colon = h.indexOf(':');
                    headers.put(h.substring(0, colon).trim().toLowerCase(), h.substring(colon + 1).trim());
                }
                OutputStream out = s.getOutputStream();
                if (requestLine.startsWith("GET")) {
                    get(s, out, headers);
                } else {
                    char[] body = new char[Integer.parseInt(headers.getOrDefault("content-length", "0"))];
                    int read = 0;
                    while (read < body.length) {
                        read += in.read(body, read, body.length - read);
                    }
                    post(out, new String(body));
                }
            } catch (IOException | RuntimeException ignored) {
                // A client that goes away is no failure of the stub.
            }
        }

        private void get(Socket s, OutputStream out, Map<String, String> headers) throws IOException {
            int n;
            synchronized (this) {
                n = ++gets;
            }
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nmcp-session-id: s-1\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            if (n == 1) {
                out.write(("id: g-1\nretry: " + RETRY_MS + "\ndata: \n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                s.setSoLinger(true, 0); // a reset, not a clean end: the stream breaks off
                droppedAt = System.nanoTime();
                return;
            }
            resumedAt = System.nanoTime();
            resumed.complete(headers.get("last-event-id"));
            out.flush();
            resumed.join();
        }

        private void post(OutputStream out, String body) throws IOException {
            Matcher m = METHOD.matcher(body);
            Matcher id = ID.matcher(body);
            String method = m.find() ? m.group(1) : "";
            if (!id.find() || method.startsWith("notifications/")) {
                out.write("HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.UTF_8));
                return;
            }
            String result = switch (method) {
                case "initialize" -> "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{\"tools\":{}},"
                        + "\"serverInfo\":{\"name\":\"dropping\",\"version\":\"1\"}}";
                case "tools/list" -> "{\"tools\":[]}";
                default -> "{}";
            };
            byte[] json = ("{\"jsonrpc\":\"2.0\",\"id\":" + id.group(1) + ",\"result\":" + result + "}")
                    .getBytes(StandardCharsets.UTF_8);
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nmcp-session-id: s-1\r\nContent-Length: "
                    + json.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(json);
        }

        @Override
        public void close() throws IOException {
            resumed.complete(null);
            socket.close();
        }
    }
}
