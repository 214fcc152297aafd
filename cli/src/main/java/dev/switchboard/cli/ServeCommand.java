package dev.switchboard.cli;

import dev.switchboard.ServerStatus;
import dev.switchboard.Switchboard;
import dev.switchboard.config.GatewaySettings;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.gateway.Gateway;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code switchboard serve CONFIG}: every configured server behind one MCP endpoint, until SIGINT or SIGTERM.
 */
@Command(name = "serve", description = {"Offer every configured server on one MCP endpoint (Streamable HTTP at "
        + "/mcp): MCP clients connect once and see every server's tools, prompts and resources.",
    "Prints the endpoint and a client configuration to paste. SIGINT (Ctrl-C) or SIGTERM stops gracefully: new "
        + "sessions are refused, calls in flight get orchestration.drain_timeout, then it exits 0. A required server"
        + " that cannot be connected stops the start (exit 1)."})
final class ServeCommand extends ConfigCommand {

    @Option(names = "--listen", paramLabel = "HOST:PORT", converter = ListenAddress.Converter.class,
            description = "Where to listen, e.g. 127.0.0.1:7700, :8080 (loopback), 0.0.0.0:7700 (every address: "
                    + "needs gateway.tokens or --insecure), or 0 for any free port (default: gateway.listen, else "
                    + "127.0.0.1:7700).")
    ListenAddress listen;

    @Option(names = "--insecure", description = "Allow listening beyond loopback without gateway.tokens: anyone who "
            + "reaches the gateway can use every server (a warning is logged once a minute). Only on a network you "
            + "trust; the same as gateway.insecure: true.")
    boolean insecure;

    @Option(names = "--token-dir", paramLabel = "DIR", description = "Where the OAuth tokens of servers with auth: "
            + "are kept, as 'switchboard auth login' stored them (default: see 'switchboard auth --help').")
    Path tokenDir;

    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile URI url;

    @Override
    int execute() throws InterruptedException {
        try {
            SwitchboardConfig config = loadConfig();
            GatewaySettings settings = listen == null ? config.gateway() : listen.applyTo(config.gateway());
            if (settings.unsafeListen() != null) {
                // Refused before any server is started: nothing to undo, and the user reads why at once.
                error("error: CONFIG_INVALID: " + (listen == null ? "gateway.listen" : "--listen") + ": "
                        + settings.unsafeListen());
                return ExitCodes.USAGE;
            }
            // One registry for the library's meters and the gateway's: /metrics serves both.
            PrometheusMeterRegistry registry = Gateway.newMeterRegistry();
            OpenTelemetrySdk tracing = Telemetry.fromSettings(System.getenv(), System.getProperties());
            // The tokens of `switchboard auth login`: a gateway has no person at hand to authorize it.
            Switchboard.Builder builder = Switchboard.builder(config).onlyServers(Gateway::shared)
                    .tokenStore(TokenDirectory.or(tokenDir))
                    .configFile(configFile, loader()).meterRegistry(registry);
            if (tracing != null) {
                builder.openTelemetry(tracing);
            }
            try (Signals signals = Signals.onTermination(this::stop);
                    Switchboard sb = builder.start()) {
                Gateway gateway = Gateway.start(sb, settings, config, registry);
                try {
                    url = gateway.url();
                    print(banner(url, sb.status(), perClient(config), config.orchestration().drainTimeout()));
                    started.countDown();
                    stop.await();
                    print("Stopping: new sessions are refused; calls in flight get up to "
                            + DurationText.format(config.orchestration().drainTimeout()) + ".");
                } finally {
                    gateway.shutdown(config.orchestration().drainTimeout());
                }
            } finally {
                registry.close();
                if (tracing != null) {
                    tracing.close(); // sends the spans still buffered
                }
            }
            print("Stopped: every session ended, every server connection closed.");
            return ExitCodes.OK;
        } finally {
            finished.countDown();
        }
    }

    @Override
    List<String> impliedOverrides() {
        return insecure ? List.of("gateway.insecure=true") : List.of();
    }

    private static List<String> perClient(SwitchboardConfig config) {
        return config.servers().stream().filter(s -> !Gateway.shared(s)).map(s -> s.name()).toList();
    }

    static String banner(URI url, List<ServerStatus> servers, List<String> perClient, Duration drain) {
        StringBuilder out = new StringBuilder("Switchboard gateway: " + url + "\n\nServers:\n");
        for (ServerStatus s : servers) {
            out.append(String.format("  %-16s %-10s %s%n", s.name(), s.state().name().toLowerCase(
                    java.util.Locale.ROOT), s.ready() ? s.toolCount() + " tools" : ""));
        }
        for (String name : perClient) {
            out.append(String.format("  %-16s %-10s %s%n", name, "per client", "started for each client session"));
        }
        out.append("\nAdd it to an MCP client (Cursor, VS Code, Claude Code, any Streamable HTTP client):\n")
                .append("  {\"mcpServers\": {\"switchboard\": {\"type\": \"http\", \"url\": \"").append(url)
                .append("\"}}}\n")
                .append("  claude mcp add --transport http switchboard ").append(url).append('\n')
                .append("Older clients (HTTP+SSE): ").append(url.resolve("/sse")).append('\n')
                .append("REST API for applications: ").append(url.resolve("/api/v1")).append(" (described by ")
                .append(url.resolve("/api/v1/openapi.json")).append(")\n")
                .append("Operations: ").append(url.resolve("/healthz")).append(", /readyz, /metrics (Prometheus)\n")
                .append("\nCtrl-C stops it (calls in flight get ").append(DurationText.format(drain))
                .append(" to finish).");
        return out.toString();
    }

    /** Stops the gateway gracefully (what SIGINT and SIGTERM do). */
    void stop() {
        stop.countDown();
    }

    /** The endpoint once listening, for tests. */
    URI url() {
        return url;
    }

    boolean awaitStarted(Duration timeout) throws InterruptedException {
        return started.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
