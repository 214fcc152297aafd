package dev.switchboard.chaos;

import dev.switchboard.config.CallPolicy;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.RetryPolicy;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.config.ServerOptions;
import dev.switchboard.config.StdioServer;
import dev.switchboard.config.Transport;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeServerProcess;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.FaultyProxy;
import dev.switchboard.testing.RunningFakeServer;
import dev.switchboard.testing.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The servers of a chaos run, one of each kind a fault needs, every transport among them: three stdio servers (to
 * kill, to stop, to turn to garbage), a Streamable HTTP server in a child JVM (killed and restarted on its port), a
 * Streamable HTTP server in this JVM (its sessions expire) and a legacy SSE server in this JVM behind a
 * {@link FaultyProxy} (its connections are reset and black-holed). Every server has the tool {@code echo}.
 */
final class Fleet implements AutoCloseable {
    static final String KILLED = "killed";
    static final String STOPPED = "stopped";
    static final String GARBLED = "garbled";
    static final String RESTARTED = "restarted";
    static final String EXPIRED = "expired";
    static final String PROXIED = "proxied";
    static final List<String> SERVERS = List.of(KILLED, STOPPED, GARBLED, RESTARTED, EXPIRED, PROXIED);

    final Scenario killed = stdioScenario(KILLED);
    final Scenario stopped = stdioScenario(STOPPED);
    final Scenario garbled = FakeMcpServer.builder().name(GARBLED).tool(FakeTool.echo("echo"),
            FakeTool.garbage("garble")).build();
    private final Scenario restartedScenario = FakeMcpServer.builder().name(RESTARTED)
            .tool(FakeTool.echo("echo")).build();
    private final int restartedPort = freePort();
    final RunningFakeServer expired = FakeMcpServer.builder().name(EXPIRED).tool(FakeTool.echo("echo"),
            FakeTool.hang("stuck")).startHttp();
    final RunningFakeServer sse = FakeMcpServer.builder().name(PROXIED).tool(FakeTool.echo("echo"))
            .startSse();
    final FaultyProxy proxy = FaultyProxy.to(sse.port());
    private FakeServerProcess restarted = FakeServerProcess.http(restartedScenario, restartedPort);

    /** The configuration of every server; each request is limited to {@code deadline}. */
    List<ServerConfig> configs(Duration deadline) {
        ServerOptions options = ServerOptions.builder().connectTimeout(Duration.ofSeconds(30))
                .requestTimeout(deadline).calls(CallPolicy.builder().maxTotal(deadline).build())
                // HTTP servers come back soon after each fault: look for them again soon.
                .retry(RetryPolicy.builder().initialBackoff(Duration.ofMillis(100)).maxBackoff(Duration.ofMillis(500))
                        .jitter(0).build())
                .build();
        return List.of(stdio(KILLED, killed, options), stdio(STOPPED, stopped, options),
                stdio(GARBLED, garbled, options),
                HttpServer.builder(RESTARTED, URI.create("http://127.0.0.1:" + restartedPort + "/mcp"))
                        .options(options).build(),
                HttpServer.builder(EXPIRED, URI.create(expired.url())).options(options).build(),
                HttpServer.builder(PROXIED, URI.create("http://127.0.0.1:" + proxy.port() + "/sse"))
                        .transport(Transport.SSE).options(options).build());
    }

    /** SIGKILLs the HTTP child; returns once it is gone. */
    void killHttpServer() {
        restarted.close();
    }

    /** Starts the HTTP child again on the same port; returns once it serves. */
    void startHttpServer() {
        restarted = FakeServerProcess.http(restartedScenario, restartedPort);
    }

    /** The one live process serving this stdio scenario (found by the scenario on its command line). */
    static ProcessHandle processOf(Scenario scenario) {
        String marker = scenario.toBase64();
        List<ProcessHandle> found = ProcessHandle.current().descendants()
                .filter(p -> p.isAlive() && commandLine(p).contains(marker)).toList();
        if (found.size() != 1) {
            throw new IllegalStateException(found.size() + " processes run " + scenario.name());
        }
        return found.get(0);
    }

    /** How many live processes serve this stdio scenario: after every fault, exactly one. */
    static long processCount(Scenario scenario) {
        String marker = scenario.toBase64();
        return ProcessHandle.current().descendants().filter(p -> p.isAlive() && commandLine(p).contains(marker))
                .count();
    }

    @Override
    public void close() {
        restarted.close();
        proxy.close();
        sse.close();
        expired.close();
    }

    private static Scenario stdioScenario(String name) {
        return FakeMcpServer.builder().name(name).tool(FakeTool.echo("echo")).build();
    }

    private static StdioServer stdio(String name, Scenario scenario, ServerOptions options) {
        List<String> command = FakeMcpServer.stdioCommand(scenario);
        return StdioServer.builder(name, command.get(0)).args(command.subList(1, command.size())).options(options)
                .shutdownGrace(Duration.ofMillis(500)).build();
    }

    private static String commandLine(ProcessHandle p) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline"));
        } catch (IOException e) {
            return ""; // it has just exited
        }
    }

    private static int freePort() {
        try (var s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
