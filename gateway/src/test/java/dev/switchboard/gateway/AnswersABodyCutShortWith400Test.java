package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Found by ServesAnyHttpRequestFuzzTest: a REST body that ends before its Content-Length was answered 500 and logged
 * as a failure of the gateway; it is the client's doing, a 400, as on the MCP endpoint.
 */
class AnswersABodyCutShortWith400Test {
    private static Guarded gateway;

    @BeforeAll
    static void start() {
        gateway = Guarded.start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void aRestBodyCutShortIs400() throws IOException {
        assertThat(statusOfCutShortPost("/api/v1/call")).isEqualTo("HTTP/1.1 400 Bad Request");
    }

    @Test
    void anMcpBodyCutShortIs400() throws IOException {
        assertThat(statusOfCutShortPost("/mcp")).startsWith("HTTP/1.1 400 ");
    }

    /** Posts 10 of the 100 bytes the request announces, then closes the sending side. */
    private static String statusOfCutShortPost(String path) throws IOException {
        URI url = gateway.url();
        String request = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + Guarded.ADMIN.token() + "\r\nContent-Type: application/json\r\nAccept: application/json,"
                + " text/event-stream\r\nContent-Length: 100\r\n\r\n{\"tool\":\"g";
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
                line.append((char) c);
            }
            return line.toString().strip();
        }
    }
}
