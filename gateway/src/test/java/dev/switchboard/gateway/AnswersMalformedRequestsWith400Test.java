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
 * Found by ServesAnyHttpRequestFuzzTest: a REST body that ends before its Content-Length, and a query string that is
 * not percent-encoded, were answered 500 and logged as failures of the gateway; they are the client's doing, a 400.
 */
class AnswersMalformedRequestsWith400Test {
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
        assertThat(statusOf(cutShortPost("/api/v1/call"))).isEqualTo("HTTP/1.1 400 Bad Request");
    }

    @Test
    void anMcpBodyCutShortIs400() throws IOException {
        assertThat(statusOf(cutShortPost("/mcp"))).startsWith("HTTP/1.1 400 ");
    }

    @Test
    void aQueryStringThatIsNotPercentEncodedUtf8Is400() throws IOException {
        for (String query : new String[] {"uri=docs%3Gindex&server=docs", "uri=docs%A3index&server=docs"}) {
            assertThat(statusOf("GET /api/v1/resources/read?" + query + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + Guarded.ADMIN.token() + "\r\n\r\n")).as(query)
                    .isEqualTo("HTTP/1.1 400 Bad Request");
        }
    }

    /** 10 of the 100 bytes the request announces. */
    private static String cutShortPost(String path) {
        return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + Guarded.ADMIN.token()
                + "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                + "Content-Length: 100\r\n\r\n{\"tool\":\"g";
    }

    /** Sends the request, closes the sending side, and reads the status line. */
    private static String statusOf(String request) throws IOException {
        URI url = gateway.url();
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
