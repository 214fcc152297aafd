package dev.switchboard.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A fake MCP server serving HTTP in this JVM; it records what reached it, and {@link #close()} stops it.
 *
 * <p>{@link #url()} is the endpoint an MCP client connects to: {@code .../mcp} for Streamable HTTP, {@code .../sse}
 * for legacy HTTP+SSE.
 */
public final class RunningFakeServer implements AutoCloseable {

    /** A {@code tools/call} that reached a tool of this server. */
    public record Call(String tool, Map<String, Object> arguments) {
    }

    /** A {@code notifications/cancelled} that reached this server. */
    public record Cancellation(Object requestId, String reason) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Call> calls = new ArrayList<>();
    private final List<Cancellation> cancellations = new ArrayList<>();
    private static final int KEPT_HEADERS = 10_000;
    private final List<Map<String, List<String>>> headers = new ArrayList<>();
    private final HttpHost host;

    private RunningFakeServer(Scenario scenario, HttpHost.Flavor flavor) {
        if (scenario.faults().needsOwnProcess()) {
            throw new IllegalArgumentException("scenario " + scenario.name() + ": exitOnStart, malformedOutput, "
                    + "ignoreSigterm, pidFile, silentInitialize and wrongIds need a child process "
                    + "(expected: FakeMcpServer.stdioCommand)");
        }
        this.host = HttpHost.start(scenario, flavor, 0, new Recorder());
    }

    static RunningFakeServer start(Scenario scenario, HttpHost.Flavor flavor) {
        return new RunningFakeServer(scenario, flavor);
    }

    /** The MCP endpoint, e.g. {@code http://127.0.0.1:41234/mcp}. */
    public String url() {
        return host.url();
    }

    /** The scheme, host and port, e.g. {@code http://127.0.0.1:41234}. */
    public String baseUrl() {
        return host.baseUrl();
    }

    /** The loopback port the server listens on. */
    public int port() {
        return host.port();
    }

    /** The tool calls received so far, oldest first. */
    public List<Call> receivedCalls() {
        return snapshot(calls);
    }

    /** The cancellation notifications received so far, oldest first. */
    public List<Cancellation> receivedCancellations() {
        return snapshot(cancellations);
    }

    /**
     * The headers of the HTTP requests received so far (the latest 5,000 to 10,000), oldest first, names in lower
     * case: to check what a client sends, e.g. that a gateway never passes its own clients' credentials on.
     */
    public List<Map<String, List<String>>> receivedHeaders() {
        return snapshot(headers);
    }

    /** Waits until at least {@code count} tool calls have arrived and returns them all. */
    public List<Call> awaitCalls(int count, Duration timeout) throws InterruptedException, TimeoutException {
        return await(calls, count, timeout, "tool calls");
    }

    /** Waits until at least {@code count} cancellations have arrived and returns them all. */
    public List<Cancellation> awaitCancellations(int count, Duration timeout)
            throws InterruptedException, TimeoutException {
        return await(cancellations, count, timeout, "cancellations");
    }

    /**
     * Ends every session opened so far, the way a server that restarted or timed them out would: each of their
     * requests is answered HTTP 404 from now on, and a client must initialise a new session.
     */
    public void expireSessions() {
        host.expireSessions();
    }

    /** HTTP: accepts {@code Authorization: Bearer <token>} as {@code user} from now on (see {@link FakeTool#whoami}). */
    public void accept(String token, String user) {
        host.filter().accept(token, user);
    }

    /** HTTP: answers 401 to {@code token} from now on, as a resource server does once the token is revoked. */
    public void revoke(String token) {
        host.filter().revoke(token);
    }

    /** HTTP: the TCP connections clients have open to it now. */
    public int openConnections() {
        return host.openConnections();
    }

    /** Stops the server; open streams and pending calls are cut off. */
    @Override
    public void close() {
        host.close();
    }

    private <T> List<T> snapshot(List<T> list) {
        lock.lock();
        try {
            return List.copyOf(list);
        } finally {
            lock.unlock();
        }
    }

    private <T> List<T> await(List<T> list, int count, Duration timeout, String what)
            throws InterruptedException, TimeoutException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (list.size() < count) {
                if (nanos <= 0) {
                    throw new TimeoutException("expected " + count + " " + what + " within " + timeout
                            + ", got " + list.size() + ": " + list);
                }
                nanos = changed.awaitNanos(nanos);
            }
            return List.copyOf(list);
        } finally {
            lock.unlock();
        }
    }

    private <T> void add(List<T> list, T item) {
        lock.lock();
        try {
            list.add(item);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private final class Recorder implements ServerEvents {
        @Override
        public void called(String tool, Map<String, Object> arguments) {
            // Not Map.copyOf: JSON arguments may hold nulls.
            add(calls, new Call(tool, Collections.unmodifiableMap(new LinkedHashMap<>(arguments))));
        }

        @Override
        public void requestHeaders(Map<String, List<String>> received) {
            lock.lock();
            try {
                if (headers.size() >= KEPT_HEADERS) {
                    headers.subList(0, KEPT_HEADERS / 2).clear(); // a long test keeps the recent half, not all
                }
                headers.add(received);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void cancelled(Object requestId, String reason) {
            add(cancellations, new Cancellation(requestId, reason));
        }

        @Override
        public void exitRequested(int code) {
            // This JVM is the test's own: "exiting" means the server vanishes, cutting its connections.
            Thread.ofPlatform().name("fake-mcp-exit").start(host::close);
        }
    }
}
