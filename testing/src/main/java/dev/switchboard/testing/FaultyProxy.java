package dev.switchboard.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP proxy that plays network faults on command, where nothing real can: between a client and a server
 * on this machine it can delay, drop, reset, truncate and black-hole connections. {@link #heal()} goes back to
 * plain forwarding; {@link #close()} stops it and waits until none of its threads is left.
 *
 * <pre>{@code
 * try (FaultyProxy proxy = FaultyProxy.to(server.port())) {
 *     // point the client at proxy.port(), then e.g. proxy.resetAll() or proxy.blackHole()
 * }
 * }</pre>
 */
public final class FaultyProxy implements AutoCloseable {

    /**
     * What happens to the bytes: forwarded (after a delay), swallowed, or forwarded up to a budget, then cut; and
     * whether new connections reach the server at all.
     */
    private record Mode(long delayMillis, boolean swallow, boolean blackHole, long truncateAfter) {
        static final Mode NORMAL = new Mode(0, false, false, -1);
    }

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    // Virtual threads, each named: a test that counts threads can tell the proxy's from anyone else's.
    private final ExecutorService threads =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("faulty-proxy-", 0).factory());
    private volatile Mode mode = Mode.NORMAL;

    private FaultyProxy(ServerSocket listener, InetSocketAddress target) {
        this.listener = listener;
        this.target = target;
        threads.submit(this::accept);
    }

    /** Starts a proxy on a free loopback port that forwards to {@code targetPort} on 127.0.0.1. */
    public static FaultyProxy to(int targetPort) {
        try {
            var listener = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
            return new FaultyProxy(listener, new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on a loopback port", e);
        }
    }

    /** The loopback port clients connect to. */
    public int port() {
        return listener.getLocalPort();
    }

    /** The connections open through the proxy now. */
    public int openConnections() {
        return links.size();
    }

    /** Holds every chunk, in both directions, {@code delay} before forwarding it. */
    public void delay(Duration delay) {
        mode = new Mode(delay.toMillis(), false, false, -1);
    }

    /** Stops forwarding: bytes in both directions are swallowed; connections stay open and new ones are made. */
    public void drop() {
        mode = new Mode(0, true, false, -1);
    }

    /**
     * A black hole: like {@link #drop()}, and new connections are accepted but never reach the server, so a
     * client sees a peer that takes everything and never answers.
     */
    public void blackHole() {
        mode = new Mode(0, true, true, -1);
    }

    /** Each connection forwards at most {@code bytes} more bytes from the server to the client, then is cut. */
    public void truncate(long bytes) {
        links.forEach(l -> l.budget.set(bytes));
        mode = new Mode(0, false, false, bytes);
    }

    /** Resets every open connection at once (TCP RST on both sides: SO_LINGER 0, then close). */
    public void resetAll() {
        links.forEach(Link::reset);
    }

    /** Closes every open connection cleanly (FIN on both sides). */
    public void closeAll() {
        links.forEach(Link::close);
    }

    /** Back to plain forwarding for open and new connections. */
    public void heal() {
        links.forEach(l -> l.budget.set(-1));
        mode = Mode.NORMAL;
    }

    /** Stops listening, closes every connection and waits until every thread of the proxy has ended. */
    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
        links.forEach(Link::close);
        threads.close();
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException closed) {
                return;
            }
            Mode m = mode;
            Link link = new Link(client, m.truncateAfter);
            links.add(link);
            if (listener.isClosed()) {
                link.close(); // close() ran while this one was being accepted
                return;
            }
            threads.submit(() -> link.run(m.blackHole));
        }
    }

    /** One client connection and its connection to the server. */
    private final class Link {
        private final Socket client;
        private final Socket server = new Socket();
        private final AtomicLong budget;

        Link(Socket client, long budget) {
            this.client = client;
            this.budget = new AtomicLong(budget);
        }

        void run(boolean blackHoled) {
            try {
                if (blackHoled) {
                    // Accepted, never connected onwards: read and swallow until the client gives up.
                    pump(client.getInputStream(), null, false);
                    return;
                }
                server.connect(target, 5_000);
                threads.submit(() -> {
                    try {
                        pump(server.getInputStream(), client.getOutputStream(), true);
                    } catch (IOException gone) {
                        // the other side went away: the link ends
                    } finally {
                        close();
                    }
                });
                pump(client.getInputStream(), server.getOutputStream(), false);
            } catch (IOException gone) {
                // refused or cut: the client sees the connection end, as it would without a proxy
            } finally {
                close();
            }
        }

        private void pump(InputStream in, OutputStream out, boolean fromServer) throws IOException {
            byte[] buf = new byte[16 * 1024];
            for (int n; (n = in.read(buf)) >= 0; ) {
                Mode m = mode;
                if (m.delayMillis > 0) {
                    try {
                        Thread.sleep(m.delayMillis); // the fault itself: latency on the wire
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (m.swallow || out == null) {
                    continue;
                }
                long left = fromServer ? budget.get() : -1;
                if (left >= 0 && n > left) {
                    out.write(buf, 0, (int) left);
                    out.flush();
                    return; // cut in the middle of whatever was being sent
                }
                out.write(buf, 0, n);
                out.flush();
                if (left >= 0) {
                    budget.addAndGet(-n);
                }
            }
        }

        void reset() {
            try {
                client.setSoLinger(true, 0);
                if (server.isConnected()) {
                    server.setSoLinger(true, 0);
                }
            } catch (IOException ignored) {
                // already closed: nothing to reset
            }
            close();
        }

        void close() {
            links.remove(this);
            closeQuietly(client);
            closeQuietly(server);
        }

        private static void closeQuietly(Socket s) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing is all we wanted
            }
        }
    }
}
