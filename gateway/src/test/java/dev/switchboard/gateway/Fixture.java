package dev.switchboard.gateway;

import dev.switchboard.Switchboard;
import dev.switchboard.config.GatewaySettings;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.config.ServerOptions;
import dev.switchboard.config.StdioServer;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.RunningFakeServer;
import dev.switchboard.testing.Scenario;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A Switchboard with a gateway in front of it, on a free loopback port, and MCP clients for it. */
final class Fixture implements AutoCloseable {
    final Switchboard switchboard;
    final Gateway gateway;

    Fixture(Switchboard switchboard, Gateway gateway) {
        this.switchboard = switchboard;
        this.gateway = gateway;
    }

    static Fixture start(List<? extends ServerConfig> servers) {
        return start(servers, GatewaySettings.builder().port(0).build());
    }

    static Fixture start(List<? extends ServerConfig> servers, GatewaySettings settings) {
        Switchboard sb = Switchboard.start(SwitchboardConfig.builder().servers(servers).gateway(settings).build());
        try {
            return new Fixture(sb, Gateway.start(sb));
        } catch (RuntimeException e) {
            sb.close();
            throw e;
        }
    }

    /** A stdio FakeMcpServer that Switchboard starts as a child process. */
    static StdioServer stdio(String name, Scenario scenario) {
        return stdio(name, FakeMcpServer.stdioCommand(scenario));
    }

    /** A stdio server that Switchboard starts with this command line. */
    static StdioServer stdio(String name, List<String> command) {
        return StdioServer.builder(name, command.get(0)).args(command.subList(1, command.size()))
                .options(ServerOptions.builder().connectTimeout(Duration.ofSeconds(30)).build())
                .shutdownGrace(Duration.ofMillis(500)).build();
    }

    /** A FakeMcpServer serving Streamable HTTP in this JVM (it records the calls and cancellations it receives). */
    static HttpServer http(String name, RunningFakeServer server) {
        return HttpServer.builder(name, URI.create(server.url()))
                .options(ServerOptions.builder().connectTimeout(Duration.ofSeconds(30)).build()).build();
    }

    /**
     * The one child process running this stdio scenario: its command line carries the scenario, read from /proc
     * because {@link ProcessHandle.Info#arguments()} cuts long command lines short.
     */
    static ProcessHandle processOf(Scenario scenario) {
        List<ProcessHandle> found = processesOf(scenario);
        if (found.size() != 1) {
            throw new IllegalStateException(found.size() + " processes run scenario " + scenario.name());
        }
        return found.get(0);
    }

    /** The live child processes running this stdio scenario. */
    static List<ProcessHandle> processesOf(Scenario scenario) {
        String marker = scenario.toBase64();
        return ProcessHandle.current().descendants().filter(p -> p.isAlive() && commandLine(p).contains(marker))
                .toList();
    }

    private static String commandLine(ProcessHandle p) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline"));
        } catch (IOException e) {
            return ""; // it has just exited
        }
    }

    URI url() {
        return gateway.url();
    }

    /** An initialised MCP Java SDK client over Streamable HTTP. */
    McpSyncClient javaClient() {
        return javaClient(spec -> { });
    }

    /** An initialised MCP Java SDK client over Streamable HTTP, given capabilities and handlers by {@code setUp}. */
    McpSyncClient javaClient(java.util.function.Consumer<McpClient.SyncSpec> setUp) {
        URI url = url();
        var transport = HttpClientStreamableHttpTransport.builder(url.getScheme() + "://" + url.getAuthority())
                .endpoint(url.getPath()).build();
        McpClient.SyncSpec spec = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(20));
        setUp.accept(spec);
        McpSyncClient client = spec.build();
        client.initialize();
        return client;
    }

    @Override
    public void close() {
        gateway.close();
        switchboard.close();
    }
}
