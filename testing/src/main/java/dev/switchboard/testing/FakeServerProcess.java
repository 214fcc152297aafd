package dev.switchboard.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A FakeMcpServer in a child JVM, serving Streamable HTTP or legacy HTTP+SSE on a loopback port: a server a test
 * can SIGKILL and start again on the same port, and whose threads and sockets are not the test's own. Started means
 * serving: the child prints its URL once it listens.
 */
public final class FakeServerProcess implements AutoCloseable {
    private final Process process;
    private final URI url;

    private FakeServerProcess(Process process, URI url) {
        this.process = process;
        this.url = url;
    }

    /** Serves {@code scenario} over Streamable HTTP on {@code port} (0: a free one); returns once it serves. */
    public static FakeServerProcess http(Scenario scenario, int port) {
        return start(FakeMcpServer.httpCommand(scenario, port));
    }

    /** Serves {@code scenario} over legacy HTTP+SSE on {@code port} (0: a free one); returns once it serves. */
    public static FakeServerProcess sse(Scenario scenario, int port) {
        return start(FakeMcpServer.sseCommand(scenario, port));
    }

    private static FakeServerProcess start(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String first = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            if (first == null) {
                throw new IllegalStateException("the fake server exited before it served (exit code "
                        + p.waitFor() + ")");
            }
            return new FakeServerProcess(p, URI.create(first.strip()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Where it serves: the MCP endpoint (Streamable HTTP) or the event stream (SSE). */
    public URI url() {
        return url;
    }

    /** The child's process id. */
    public long pid() {
        return process.pid();
    }

    /** Kills it (SIGKILL) and returns once it is gone, its pipes closed. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Its pipes are ours: close them, or every restart leaves three descriptors behind.
        try {
            process.getInputStream().close();
            process.getOutputStream().close();
            process.getErrorStream().close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
    }
}
