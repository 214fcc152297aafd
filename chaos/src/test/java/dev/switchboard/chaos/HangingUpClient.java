package dev.switchboard.chaos;

import dev.switchboard.testing.RunningFakeServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A downstream client that opens a session, starts a call that never ends on {@code server} (its tool
 * {@code stuck}), reads the start of the answer's stream and closes the connection: the gateway must cancel the
 * call on its server, and nobody else may notice.
 */
final class HangingUpClient {
    private HangingUpClient() {
    }

    static void callAndHangUp(URI gateway, RunningFakeServer server) throws IOException, InterruptedException {
        int cancelledBefore = server.receivedCancellations().size();
        int calledBefore = server.receivedCalls().size();
        String session;
        try (Socket socket = connect(gateway)) {
            String answer = post(socket, gateway, null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                    + "\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                    + "\"clientInfo\":{\"name\":\"hangs-up\",\"version\":\"1\"}}}");
            session = answer.lines().filter(l -> l.regionMatches(true, 0, "Mcp-Session-Id:", 0, 15)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no session: " + answer)).substring(15).strip();
        }
        try (Socket socket = connect(gateway)) {
            post(socket, gateway, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        }
        try (Socket socket = connect(gateway)) {
            OutputStream out = socket.getOutputStream();
            out.write(request(gateway, session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":"
                    + "{\"name\":\"expired__stuck\",\"arguments\":{},\"_meta\":{\"progressToken\":\"p\"}}}"));
            out.flush();
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String status = in.readLine();
            if (status == null || !status.startsWith("HTTP/1.1 200")) {
                throw new IllegalStateException("the call was not accepted: " + status);
            }
            try {
                server.awaitCalls(calledBefore + 1, Duration.ofSeconds(30));
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("the call never reached its server", e);
            }
        } // hangs up, the call in flight
        long hungUp = System.nanoTime();
        try {
            server.awaitCancellations(cancelledBefore + 1, Duration.ofSeconds(30));
            System.out.printf("chaos: the call of a client that hung up was cancelled on its server %d ms later%n",
                    (System.nanoTime() - hungUp) / 1_000_000);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the call of a client that hung up was never cancelled on its server", e);
        }
    }

    private static Socket connect(URI gateway) throws IOException {
        Socket socket = new Socket(gateway.getHost(), gateway.getPort());
        socket.setSoTimeout(30_000);
        return socket;
    }

    /** Sends one request with {@code Connection: close} and reads the whole answer (status, headers, body). */
    private static String post(Socket socket, URI gateway, String session, String body) throws IOException {
        socket.getOutputStream().write(request(gateway, session, body));
        socket.getOutputStream().flush();
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static byte[] request(URI gateway, String session, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return ("POST " + gateway.getPath() + " HTTP/1.1\r\nHost: " + gateway.getAuthority()
                + "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                + "Connection: close\r\n" + (session == null ? "" : "Mcp-Session-Id: " + session + "\r\n")
                + "Content-Length: " + bytes.length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
    }
}
