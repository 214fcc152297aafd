package dev.switchboard.it;

import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.Scenario;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A FakeMcpServer in a child JVM, serving Streamable HTTP or legacy SSE on a loopback port, for tests that kill it
 * and start it again. Started means serving: the child prints its URL once it listens.
 *
 * @param process the child
 * @param url where it serves
 */
record FakeServerChild(Process process, URI url) implements AutoCloseable {

    /** Serves {@code scenario} over Streamable HTTP on {@code port} (0: a free one). */
    static FakeServerChild http(Scenario scenario, int port) {
        return start(FakeMcpServer.httpCommand(scenario, port));
    }

    /** Serves {@code scenario} over legacy HTTP+SSE on {@code port} (0: a free one). */
    static FakeServerChild sse(Scenario scenario, int port) {
        return start(FakeMcpServer.sseCommand(scenario, port));
    }

    private static FakeServerChild start(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String first = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            if (first == null) {
                throw new IllegalStateException("the fake server exited before it served (exit code "
                        + p.waitFor() + ")");
            }
            return new FakeServerChild(p, URI.create(first.strip()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Kills it (SIGKILL) and waits until it is gone. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
