package dev.switchboard.chaos;

import dev.switchboard.config.HttpServer;
import dev.switchboard.config.RetryPolicy;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.config.ServerOptions;
import dev.switchboard.config.StdioServer;
import dev.switchboard.config.Transport;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeServerProcess;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.Scenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The servers of the soak, every transport and every one out of the test's JVM (what the test counts in its JVM is
 * then Switchboard's and the gateway's alone): two stdio servers, one of them crashed again and again, a Streamable
 * HTTP and a legacy SSE server in child JVMs, and a stdio server that reloads add and remove. Each has the tools
 * {@code echo} and {@code stuck} (answers long after its calls' deadline: they time out).
 */
final class SoakServers implements AutoCloseable {
    static final String CRASHING = "crashing";
    static final String STEADY = "steady";
    static final String HTTP = "http";
    static final String SSE = "sse";
    static final String RELOADED = "reloaded";
    static final List<String> CALLED = List.of(CRASHING, STEADY, HTTP, SSE);
    private static final Duration STUCK_FOR = Duration.ofSeconds(5);

    final Scenario crashing = scenario(CRASHING);
    private final Scenario steady = scenario(STEADY);
    final Scenario reloaded = scenario(RELOADED);
    private final FakeServerProcess http = FakeServerProcess.http(scenario(HTTP), 0);
    private final FakeServerProcess sse = FakeServerProcess.sse(scenario(SSE), 0);

    /**
     * The servers, with {@link #RELOADED} among them or not; each request limited to {@code timeout}. Breakers and
     * restarts as users get them: the steady share of timeouts must not open a breaker.
     */
    List<ServerConfig> configs(Duration timeout, boolean withReloaded) {
        ServerOptions options = ServerOptions.builder().connectTimeout(Duration.ofSeconds(30)).requestTimeout(timeout)
                .retry(RetryPolicy.builder().initialBackoff(Duration.ofMillis(100)).maxBackoff(Duration.ofMillis(500))
                        .jitter(0).build())
                .build();
        List<ServerConfig> configs = new ArrayList<>(List.of(stdio(CRASHING, crashing, options),
                stdio(STEADY, steady, options),
                HttpServer.builder(HTTP, http.url()).options(options).build(),
                HttpServer.builder(SSE, sse.url()).transport(Transport.SSE).options(options).build()));
        if (withReloaded) {
            configs.add(stdio(RELOADED, reloaded, options));
        }
        return configs;
    }

    @Override
    public void close() {
        http.close();
        sse.close();
    }

    /**
     * A server whose {@code stuck} answers after {@link #STUCK_FOR}, far past the calls' deadline. Not never: the
     * fake server, like the SDK server it is built on, does not stop a tool on cancellation and serves about 200
     * requests at once over HTTP; tools that never end would pile up until it stalls, a fault of the server rather
     * than a soak of Switchboard.
     */
    private static Scenario scenario(String name) {
        return FakeMcpServer.builder().name(name).tool(FakeTool.echo("echo"), FakeTool.delay("stuck", STUCK_FOR))
                .build();
    }

    private static StdioServer stdio(String name, Scenario scenario, ServerOptions options) {
        List<String> command = FakeMcpServer.stdioCommand(scenario);
        return StdioServer.builder(name, command.get(0)).args(command.subList(1, command.size())).options(options)
                .shutdownGrace(Duration.ofMillis(500)).build();
    }
}
