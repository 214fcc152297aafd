package dev.switchboard.internal.auth;

import dev.switchboard.AuthorizationHandler;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * An {@link AuthorizationHandler} for a machine with a person but maybe no browser: it shows the authorization URL
 * (the application decides how: print it, open a browser) and receives the redirect on a loopback port of its own
 * (RFC 8252: authorization servers accept any port of a loopback redirect URI). The port is opened when the redirect
 * URI is asked for, so that the URI registered is the one listened on, and closed when the redirect came.
 */
public final class LoopbackRedirect implements AuthorizationHandler {
    private static final String PATH = "/callback";
    private static final int POLL_MILLIS = 250;

    private final Consumer<URI> show;
    private final Duration wait;
    private final Map<String, ServerSocket> listening = new ConcurrentHashMap<>();

    /** @param wait how long a person has to authorize before the flow gives up */
    public LoopbackRedirect(Consumer<URI> show, Duration wait) {
        this.show = show;
        this.wait = wait;
    }

    @Override
    public URI redirectUri(String server) {
        ServerSocket socket = listening.computeIfAbsent(server, s -> open());
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + PATH);
    }

    @Override
    public URI authorize(String server, URI authorizationUrl) throws IOException, InterruptedException {
        ServerSocket socket = listening.computeIfAbsent(server, s -> open());
        try {
            show.accept(authorizationUrl);
            long deadline = System.nanoTime() + wait.toNanos();
            while (System.nanoTime() < deadline) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("gave up waiting for the authorization redirect");
                }
                try (Socket browser = socket.accept()) {
                    URI back = answer(browser, socket.getLocalPort());
                    if (back != null) {
                        return back;
                    }
                } catch (SocketTimeoutException e) {
                    // no browser yet: look at the interrupt flag and the deadline again
                }
            }
            throw new IOException("no redirect came back within " + wait.toSeconds() + "s");
        } finally {
            listening.remove(server, socket);
            socket.close();
        }
    }

    /** The redirect the browser brought, or null for any other request (a favicon), answered 404. */
    private static URI answer(Socket browser, int port) throws IOException {
        browser.setSoTimeout(5_000);
        var in = new BufferedReader(new InputStreamReader(browser.getInputStream(), StandardCharsets.US_ASCII));
        String requestLine = in.readLine();
        for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
            // headers are not needed; read so that the browser sees its request consumed
        }
        String[] parts = requestLine == null ? new String[0] : requestLine.split(" ");
        boolean callback = parts.length >= 2 && "GET".equals(parts[0]) && parts[1].startsWith(PATH + "?");
        String body = callback ? "Switchboard received the authorization. You can close this window."
                : "Not found";
        OutputStream out = browser.getOutputStream();
        out.write(("HTTP/1.1 " + (callback ? "200 OK" : "404 Not Found") + "\r\nContent-Type: text/plain;"
                + " charset=utf-8\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body)
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
        return callback ? URI.create("http://127.0.0.1:" + port + parts[1]) : null;
    }

    private static ServerSocket open() {
        try {
            ServerSocket socket = new ServerSocket();
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            socket.setSoTimeout(POLL_MILLIS);
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on a loopback port for the redirect", e);
        }
    }
}
