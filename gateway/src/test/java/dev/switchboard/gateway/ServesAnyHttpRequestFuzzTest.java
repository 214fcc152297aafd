package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Issue 12: any HTTP request (request line, headers, body) sent to a running gateway gets an HTTP answer other than
 * 500, within 10 s: what a client sends is refused with a status that says why, never an internal failure or a hang.
 * Replays the committed corpus in every build; {@code JAZZER_FUZZ=1} fuzzes for real (docs/reliability.md).
 *
 * <p>An input is the raw request, in which {@code $SESSION} stands for an open session's id, {@code $ADMIN} for a
 * token that may do everything and {@code $LEN} for the length of the body (what follows the first empty line).
 */
class ServesAnyHttpRequestFuzzTest {
    private static Guarded gateway;
    private static String session;

    @BeforeAll
    static void start() {
        gateway = Guarded.start(b -> b.maxRequestBytes(65_536).maxJsonDepth(32));
        session = new RawClient(gateway.url()).post(RawClient.initializeBody("2025-11-25"),
                Guarded.bearer(Guarded.ADMIN.token())).sessionId();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @FuzzTest(maxDuration = "5m")
    void answersEveryRequestWithoutAnInternalError(byte[] input) throws IOException {
        allowLoopbackConnections();
        byte[] request = request(new String(input, StandardCharsets.ISO_8859_1));
        URI url = gateway.url();
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request);
            socket.shutdownOutput(); // the request ends here, whatever its Content-Length says
            String status = statusLine(socket.getInputStream());
            // Jetty may close a connection on a request it cannot parse at all; that is an answer too. It answers a
            // request line it cannot read with 400 or 505, and so on: any status but 500, an internal failure.
            if (!status.isEmpty()) {
                assertThat(status).as("the answer to %s", new String(request, StandardCharsets.ISO_8859_1))
                        .matches("HTTP/1\\.[01] (?!500)\\d{3}( .*)?");
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no answer within 10 s to " + new String(request, StandardCharsets.ISO_8859_1),
                    e);
        }
    }

    /** Jazzer's SSRF detector would report the harness's own connections, and the gateway's to its servers. */
    private static void allowLoopbackConnections() {
        try {
            BugDetectors.allowNetworkConnections((host, port) -> isLoopback(host));
        } catch (IllegalStateException noDetectors) {
            // Replaying the corpus may run without Jazzer's detectors: nothing to tell then.
        }
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
    }

    private static byte[] request(String raw) {
        String text = raw.replace("$SESSION", session).replace("$ADMIN", Guarded.ADMIN.token());
        int split = text.indexOf("\r\n\r\n");
        int body = split < 0 ? text.length() : split + 4;
        String length = Integer.toString(text.length() - body);
        return text.replace("$LEN", length).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String statusLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            line.write(c);
        }
        return line.toString(StandardCharsets.ISO_8859_1).strip();
    }
}
