package dev.switchboard.testing;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a fake MCP server as its own process: over stdio (the default), or over HTTP with {@code --http PORT} /
 * {@code --sse PORT}, printing the endpoint URL as the first stdout line. The scenario comes from
 * {@code --scenario FILE} or {@code --scenario-json BASE64}. Only MCP goes to stdout; everything else to stderr.
 */
public final class FakeMcpServerMain {

    static final String LOGBACK_CONFIG = "dev/switchboard/testing/fake-mcp-logback.xml";

    private static final String USAGE = "usage: FakeMcpServerMain (--scenario FILE | --scenario-json BASE64)"
            + " [--http PORT | --sse PORT]";

    private FakeMcpServerMain() {
    }

    /** Serves the scenario given on the command line until stdin closes (stdio) or the process is killed (HTTP). */
    public static void main(String[] args) throws Exception {
        // Keep the real stdout for MCP, and send whatever else anyone prints to stderr, before any logger starts.
        PrintStream stdout = System.out;
        System.setOut(System.err);
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOGBACK_CONFIG);
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("fake-mcp: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        Faults faults = options.scenario().faults();
        if (faults.exitOnStart() != null) {
            faults.startupStderr().forEach(System.err::println);
            System.err.flush();
            System.exit(faults.exitOnStart());
        }
        Process grandchild = faults.pidFile() == null ? null : startGrandchild();
        // Stdio: the raw descriptor, not a PrintStream (a broken pipe must surface as an IOException, not vanish),
        // wrapped so faults can be written between whole messages.
        RawStdout rawStdout = new RawStdout(new FileOutputStream(FileDescriptor.out), faults);
        ServerEvents events = new StderrEvents(options.flavor() == null ? rawStdout : null);
        if (options.flavor() != null) {
            HttpHost host = HttpHost.start(options.scenario(), options.flavor(), options.port(), events);
            writePids(faults, grandchild);
            stdout.println(host.url());
            stdout.flush();
            host.join();
        } else if (faults.malformedOutput()) {
            writePids(faults, grandchild);
            answerWithGarbage(System.in, stdout);
        } else {
            serveStdio(options.scenario(), events, rawStdout, grandchild);
        }
    }

    private static void serveStdio(Scenario scenario, ServerEvents events, OutputStream out, Process grandchild)
            throws Exception {
        var stdinClosed = new CountDownLatch(1);
        InputStream in = new WireTap.LineTap(System.in, events, stdinClosed::countDown);
        // Pids first: the provider starts reading stdin at once, and an answer must imply the pid file exists.
        writePids(scenario.faults(), grandchild);
        var provider = new StdioServerTransportProvider(McpJsonDefaults.getMapper(), in, out);
        ServerAssembly.serve(scenario, provider, events);
        stdinClosed.await();
        if (scenario.faults().ignoreSigterm()) {
            // Stubborn on purpose: a client closing the pipe is not enough, it must kill the process.
            new CountDownLatch(1).await();
        }
        if (grandchild != null) {
            grandchild.destroyForcibly();
        }
        System.exit(0);
    }

    private static void answerWithGarbage(InputStream in, PrintStream out) throws IOException {
        // Like a server that prints a banner and logs to stdout: nothing on the channel is JSON-RPC.
        out.println("fake-mcp server starting (this line is not JSON)");
        out.flush();
        var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        while (reader.readLine() != null) {
            out.println("{\"jsonrpc\": \"2.0\", \"id\": oops this is not json");
            out.println("garbage line instead of an answer");
            out.flush();
        }
    }

    private static Process startGrandchild() throws IOException {
        // Output discarded: the grandchild must not keep the client's pipes open after the server dies.
        return new ProcessBuilder("sleep", "86400")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private static void writePids(Faults faults, Process grandchild) throws IOException {
        if (faults.pidFile() == null) {
            return;
        }
        // Atomically, so a reader never sees a partial file.
        Path target = Path.of(faults.pidFile());
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(tmp, ProcessHandle.current().pid() + " " + grandchild.pid() + "\n");
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Reports to stderr, where a parent process can read them, and exits for real. */
    private record StderrEvents(RawStdout rawStdout) implements ServerEvents {
        @Override
        public void called(String tool, Map<String, Object> arguments) {
            System.err.println("fake-mcp: call " + tool + " " + ToolBehaviors.json(arguments));
        }

        @Override
        public void cancelled(Object requestId, String reason) {
            System.err.println("fake-mcp: cancelled " + requestId + (reason == null ? "" : " " + reason));
        }

        @Override
        public void exitRequested(int code) {
            System.err.println("fake-mcp: exiting with code " + code);
            System.err.flush();
            // halt, not exit: a crash runs no shutdown hooks and says goodbye to no one.
            Runtime.getRuntime().halt(code);
        }
    }

    private record Options(Scenario scenario, HttpHost.Flavor flavor, int port) {
        static Options parse(String[] args) {
            Scenario scenario = null;
            HttpHost.Flavor flavor = null;
            int port = 0;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                if (value == null) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                switch (args[i]) {
                    case "--scenario" -> scenario = Scenario.read(Path.of(value));
                    case "--scenario-json" -> scenario = Scenario.fromBase64(value);
                    case "--http", "--sse" -> {
                        flavor = args[i].equals("--http") ? HttpHost.Flavor.STREAMABLE : HttpHost.Flavor.SSE;
                        port = Integer.parseInt(value);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
                i++;
            }
            if (scenario == null) {
                throw new IllegalArgumentException("a scenario is required");
            }
            Faults f = scenario.faults();
            if (flavor != null && (f.malformedOutput() || f.silentInitialize() || f.wrongIds())) {
                throw new IllegalArgumentException("malformedOutput, silentInitialize and wrongIds are stdio faults "
                        + "(expected: no --http/--sse)");
            }
            return new Options(scenario, flavor, port);
        }
    }
}
