package dev.switchboard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A scriptable MCP server for tests: describe it with {@link #builder()}, then serve it in this JVM over HTTP
 * ({@link #startHttp}, {@link #startSse}) or start it as a child process ({@link #stdioCommand}).
 *
 * <pre>{@code
 * Scenario alpha = FakeMcpServer.builder().name("alpha").tool(FakeTool.echo("echo")).build();
 * try (RunningFakeServer server = FakeMcpServer.startHttp(alpha)) {
 *     // connect an MCP client to server.url()
 * }
 * List<String> command = FakeMcpServer.stdioCommand(alpha); // for ProcessBuilder or a stdio client
 * }</pre>
 */
public final class FakeMcpServer {

    static final String MAIN_CLASS = "dev.switchboard.testing.FakeMcpServerMain";

    // A fake server is tiny and short-lived: trade peak speed for startup time and footprint.
    private static final List<String> LEAN_JVM_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Xshare:auto", "-Xss512k", "-Xmx128m", "-XX:-UsePerfData",
            "-Dlogback.configurationFile=" + FakeMcpServerMain.LOGBACK_CONFIG);

    private FakeMcpServer() {
    }

    /** Starts describing a fake server. */
    public static Builder builder() {
        return new Builder();
    }

    /** Serves the scenario over Streamable HTTP at {@code http://127.0.0.1:<free port>/mcp}. */
    public static RunningFakeServer startHttp(Scenario scenario) {
        return RunningFakeServer.start(scenario, HttpHost.Flavor.STREAMABLE);
    }

    /** Serves the scenario over legacy HTTP+SSE at {@code http://127.0.0.1:<free port>/sse}. */
    public static RunningFakeServer startSse(Scenario scenario) {
        return RunningFakeServer.start(scenario, HttpHost.Flavor.SSE);
    }

    /**
     * The command line that serves the scenario over stdio in a child JVM (this JVM's java and class path).
     * If the scenario's faults say {@code ignoreSigterm}, the command is wrapped so the child ignores SIGTERM.
     */
    public static List<String> stdioCommand(Scenario scenario) {
        return childCommand(scenario);
    }

    /**
     * The command line of a stubborn stdio server: it ignores SIGTERM and stdin EOF and holds a long-lived
     * grandchild; before it answers anything, {@code pidFile} holds both pids ({@link #readPids}).
     * Only SIGKILL stops it.
     */
    public static List<String> stdioCommandIgnoringSigterm(Scenario scenario, Path pidFile) {
        Faults f = scenario.faults();
        return childCommand(scenario.withFaults(new Faults(f.requireBearer(), f.protocolVersion(), f.exitOnStart(),
                f.startupStderr(), f.malformedOutput(), true, pidFile.toAbsolutePath().toString(),
                f.silentInitialize(), f.wrongIds(), f.resourceMetadata(), f.bearerUsers())));
    }

    /**
     * The command line that serves the scenario over HTTP from a child JVM on {@code port} (0: a free one);
     * the child prints its endpoint URL as the first line of stdout, then serves until killed.
     */
    public static List<String> httpCommand(Scenario scenario, int port) {
        return childCommand(scenario, "--http", Integer.toString(port));
    }

    /** Like {@link #httpCommand}, for legacy HTTP+SSE. */
    public static List<String> sseCommand(Scenario scenario, int port) {
        return childCommand(scenario, "--sse", Integer.toString(port));
    }

    /** The pids a stubborn server wrote (see {@link #stdioCommandIgnoringSigterm}). */
    public record Pids(long server, long grandchild) {
    }

    /** Reads the pid file of a stubborn server; it exists by the time the server answers its first request. */
    public static Pids readPids(Path pidFile) {
        try {
            String[] parts = Files.readString(pidFile).trim().split("\\s+");
            return new Pids(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read pid file " + pidFile, e);
        }
    }

    private static List<String> childCommand(Scenario scenario, String... modeArgs) {
        List<String> command = new ArrayList<>();
        if (scenario.faults().ignoreSigterm()) {
            // A JVM cannot ignore SIGTERM by itself, but it keeps a signal ignored if it starts that way: the
            // shell sets SIGTERM to "ignore" and execs java in its place (same pid, no extra process).
            command.addAll(List.of("/bin/sh", "-c", "trap '' TERM; exec \"$@\"", "fake-mcp-server"));
        }
        command.add(javaExecutable());
        command.addAll(LEAN_JVM_FLAGS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), MAIN_CLASS,
                "--scenario-json", scenario.toBase64()));
        command.addAll(Arrays.asList(modeArgs));
        return List.copyOf(command);
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** A fluent description of a fake server; {@link #build()} gives the immutable {@link Scenario}. */
    public static final class Builder {
        private String name = "fake";
        private String version = "1.0.0";
        private final List<FakeTool> tools = new ArrayList<>();
        private final List<FakeResource> resources = new ArrayList<>();
        private final List<FakeResourceTemplate> resourceTemplates = new ArrayList<>();
        private final List<FakePrompt> prompts = new ArrayList<>();
        private String requireBearer;
        private String resourceMetadata;
        private final java.util.Map<String, String> bearerUsers = new java.util.LinkedHashMap<>();
        private String protocolVersion;
        private Integer exitOnStart;
        private List<String> startupStderr = List.of();
        private boolean malformedOutput;
        private boolean silentInitialize;
        private boolean wrongIds;

        private Builder() {
        }

        /** The server name reported by {@code initialize}. */
        public Builder name(String serverName) {
            this.name = serverName;
            return this;
        }

        /** The server version reported by {@code initialize}. */
        public Builder version(String serverVersion) {
            this.version = serverVersion;
            return this;
        }

        /** Adds tools, in {@code tools/list} order. */
        public Builder tool(FakeTool... more) {
            tools.addAll(List.of(more));
            return this;
        }

        /** Adds resources. */
        public Builder resource(FakeResource... more) {
            resources.addAll(List.of(more));
            return this;
        }

        /** Adds resource templates. */
        public Builder resourceTemplate(FakeResourceTemplate... more) {
            resourceTemplates.addAll(List.of(more));
            return this;
        }

        /** Adds prompts. */
        public Builder prompt(FakePrompt... more) {
            prompts.addAll(List.of(more));
            return this;
        }

        /** HTTP: answer 401 to every request without {@code Authorization: Bearer <token>}. */
        public Builder requireBearer(String token) {
            this.requireBearer = token;
            return this;
        }

        /**
         * HTTP: answer 401 to every request without {@code Authorization: Bearer <token>}, naming the server's
         * Protected Resource Metadata in the challenge, as a server behind an OAuth authorization server does.
         */
        public Builder requireBearer(String token, URI resourceMetadata) {
            this.requireBearer = token;
            this.resourceMetadata = resourceMetadata.toString();
            return this;
        }

        /**
         * HTTP: also accept {@code Authorization: Bearer <token>} as {@code user} (the {@link FakeTool#whoami} tool
         * answers who called it); may be called for several users. With any, a request with no accepted token is
         * answered 401. More can be accepted, and any revoked, while it runs ({@link RunningFakeServer#accept}).
         */
        public Builder bearerUser(String user, String token) {
            bearerUsers.put(token, user);
            return this;
        }

        /** Answer {@code initialize} with this protocol version whatever the client asks (e.g. "1999-01-01"). */
        public Builder protocolVersion(String forcedVersion) {
            this.protocolVersion = forcedVersion;
            return this;
        }

        /** Child process: write {@code stderrLines} to stderr and exit with {@code exitCode} before serving. */
        public Builder exitOnStart(int exitCode, String... stderrLines) {
            this.exitOnStart = exitCode;
            this.startupStderr = List.of(stderrLines);
            return this;
        }

        /** Stdio: answer every line read with non-JSON garbage. */
        public Builder malformedOutput() {
            this.malformedOutput = true;
            return this;
        }

        /** Stdio: read {@code initialize} but never answer it, like a server stuck while starting. */
        public Builder silentInitialize() {
            this.silentInitialize = true;
            return this;
        }

        /** Stdio: answer every request but initialize with an id it never had (the real id plus 1,000,000). */
        public Builder wrongIds() {
            this.wrongIds = true;
            return this;
        }

        /** The scenario described so far. */
        public Scenario build() {
            var faults = new Faults(requireBearer, protocolVersion, exitOnStart, startupStderr, malformedOutput,
                    false, null, silentInitialize, wrongIds, resourceMetadata, bearerUsers);
            return new Scenario(name, version, tools, resources, resourceTemplates, prompts, faults);
        }

        /** Shorthand for {@code FakeMcpServer.startHttp(build())}. */
        public RunningFakeServer startHttp() {
            return FakeMcpServer.startHttp(build());
        }

        /** Shorthand for {@code FakeMcpServer.startSse(build())}. */
        public RunningFakeServer startSse() {
            return FakeMcpServer.startSse(build());
        }

        /** Shorthand for {@code FakeMcpServer.stdioCommand(build())}. */
        public List<String> stdioCommand() {
            return FakeMcpServer.stdioCommand(build());
        }
    }
}
