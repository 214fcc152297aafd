package dev.switchboard.chaos;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A FakeMcpServer in a child JVM (its HTTP or SSE command): out of the test's JVM, so what the test counts there is
 * Switchboard's alone, and killable like a real server.
 */
final class ChildServer implements AutoCloseable {
    private final Process process;
    private final URI url;

    private ChildServer(Process process, URI url) {
        this.process = process;
        this.url = url;
    }

    /** Starts the command and returns once it serves (it prints its URL once it listens). */
    static ChildServer start(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String first = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            if (first == null) {
                throw new IllegalStateException("the server exited before it served: " + p.waitFor());
            }
            return new ChildServer(p, URI.create(first.strip()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    URI url() {
        return url;
    }

    /** SIGKILLs it and returns once it is gone, its pipes closed. */
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
