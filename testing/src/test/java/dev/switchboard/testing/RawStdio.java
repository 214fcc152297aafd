package dev.switchboard.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A fake server child process driven with hand-written JSON-RPC lines, for faults the SDK client cannot show
 * (it neither notices a dead child nor sends cancellations). Kills the process on close.
 */
final class RawStdio implements AutoCloseable {

    static final String INITIALIZE = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",\
            "capabilities":{},"clientInfo":{"name":"raw","version":"0"}}}""";
    static final String INITIALIZED = """
            {"jsonrpc":"2.0","method":"notifications/initialized"}""";

    private final Process process;
    private final OutputStream stdin;
    private final LinkedBlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<String> stderr = new LinkedBlockingQueue<>();

    RawStdio(List<String> command) throws IOException {
        process = new ProcessBuilder(command).start();
        stdin = process.getOutputStream();
        pump(process.getInputStream(), stdout);
        pump(process.getErrorStream(), stderr);
    }

    Process process() {
        return process;
    }

    void send(String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    void closeStdin() throws IOException {
        stdin.close();
    }

    /** Sends initialize, returns its answer, and completes the handshake. */
    String handshake() throws Exception {
        send(INITIALIZE);
        String answer = nextStdoutLine();
        send(INITIALIZED);
        return answer;
    }

    String nextStdoutLine() throws InterruptedException, TimeoutException {
        return next(stdout, "stdout");
    }

    /** Waits for a stderr line containing {@code fragment}, skipping others. */
    String awaitStderr(String fragment) throws InterruptedException, TimeoutException {
        List<String> seen = new ArrayList<>();
        while (true) {
            String line = next(stderr, "stderr containing '" + fragment + "' (saw " + seen + ")");
            if (line.contains(fragment)) {
                return line;
            }
            seen.add(line);
        }
    }

    int awaitExit() throws InterruptedException, TimeoutException {
        if (!process.waitFor(Clients.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new TimeoutException("process did not exit within " + Clients.TIMEOUT);
        }
        return process.exitValue();
    }

    private static String next(LinkedBlockingQueue<String> queue, String what)
            throws InterruptedException, TimeoutException {
        String line = queue.poll(Clients.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new TimeoutException("no line on " + what + " within " + Clients.TIMEOUT);
        }
        return line;
    }

    private static void pump(InputStream in, LinkedBlockingQueue<String> lines) {
        Thread.ofVirtual().start(() -> {
            try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException closed) {
                // The process is gone; the queue simply receives no more lines.
            }
        });
    }

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
