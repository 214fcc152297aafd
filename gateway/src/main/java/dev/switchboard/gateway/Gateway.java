package dev.switchboard.gateway;

import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardEvent;
import dev.switchboard.SwitchboardListener;
import dev.switchboard.config.GatewaySettings;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.config.SwitchboardConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MCP endpoint in front of every server of a {@link Switchboard}: MCP clients connect to {@link #url()} and see
 * the merged tools, prompts and resources of all servers, with Switchboard's supervision, routing and deadlines
 * underneath. The gateway uses the Switchboard it is given and never closes it.
 *
 * <pre>{@code
 * try (Switchboard sb = Switchboard.start(config); Gateway gateway = Gateway.start(sb)) {
 *     System.out.println("MCP endpoint: " + gateway.url());
 *     ...
 * }
 * }</pre>
 */
public final class Gateway implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Gateway.class);
    /** A comment on a silent stream at this interval keeps proxies from closing it and reveals vanished clients. */
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final Switchboard switchboard;
    private final Server server;
    private final ServerConnector connector;
    private final Sessions sessions;
    private final McpEndpoint endpoint;
    private final LegacySseEndpoint legacyEndpoint;
    private final RestApi restApi;
    private final ServerEvents events;
    private final Thread sampler;
    private final SwitchboardListener listener;
    private final Thread reaper;
    private final PerClient perClient;
    private final GatewayMetrics metrics;
    private final Operations operations;
    private final AccessControl access;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final boolean tls;

    private Gateway(Switchboard switchboard, GatewaySettings settings, SwitchboardConfig full,
            PrometheusMeterRegistry registry, Clock clock, Supplier<Long> nanoTime) throws Exception {
        this.switchboard = switchboard;
        this.tls = settings.tls() != null;
        this.sessions = new Sessions(settings.maxSessions(), settings.accessControlled()
                ? settings.maxSessionsPerToken() : Integer.MAX_VALUE, settings.replayEvents(),
                settings.sessionIdleTimeout(), clock);
        this.metrics = registry != null ? new GatewayMetrics(registry, false, sessions, switchboard)
                : new GatewayMetrics(GatewayMetrics.newRegistry(), true, sessions, switchboard);
        Offers offers = new Offers(switchboard, settings);
        Subscriptions subscriptions = new Subscriptions(switchboard);
        LogLevels logLevels = new LogLevels(switchboard);
        this.perClient = new PerClient(full, switchboard.config(), settings, Clock.systemUTC(),
                switchboard.openTelemetry());
        Methods methods = new Methods(switchboard, settings, offers, subscriptions, logLevels, perClient, metrics);
        this.endpoint = new McpEndpoint(switchboard, settings, sessions, methods, KEEP_ALIVE);
        this.legacyEndpoint = new LegacySseEndpoint(switchboard, settings, sessions, methods, KEEP_ALIVE);
        this.events = new ServerEvents(clock, ServerEvents.BUFFER);
        ServerTrends trends = new ServerTrends(switchboard, clock, events);
        this.restApi = new RestApi(switchboard, settings, events, trends);
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("switchboard-gateway");
        threads.setVirtualThreadsExecutor(VirtualThreads.getNamedVirtualThreadsExecutor("switchboard-gateway-"));
        this.server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        this.connector = tls ? tlsConnector(server, http, settings) : new ServerConnector(server,
                new HttpConnectionFactory(http));
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        connector.setIdleTimeout(KEEP_ALIVE.multipliedBy(4).toMillis());
        server.addConnector(connector);
        // Operations first: probes, metrics and the access log see every request, whichever endpoint serves it;
        // access control guards the endpoints behind them.
        GatewaySettings fromFile = switchboard.config().gateway();
        boolean tokensFromFile = settings.tokens().equals(fromFile.tokens())
                && Objects.equals(settings.rateLimit(), fromFile.rateLimit())
                && Objects.equals(settings.oauth(), fromFile.oauth());
        this.access = new AccessControl(settings, switchboard.config().orchestration().nameSeparator(), nanoTime,
                clock, this::url);
        if (tokensFromFile) {
            access.follow(fromFile);
        }
        Runnable followFile = tokensFromFile ? () -> access.follow(switchboard.config().gateway()) : () -> { };
        this.operations = new Operations(switchboard, metrics, new AccessHandler(settings, access, clock, followFile,
                new Handler.Sequence(new ResourceMetadata(access, settings.serverName()), endpoint, legacyEndpoint,
                        restApi, new Dashboard())));
        server.setHandler(operations);
        server.setStopTimeout(0);
        this.listener = new SwitchboardListener() {
            @Override
            public void catalogChanged(SwitchboardEvent.CatalogChanged event) {
                event.parts().forEach(part -> {
                    var notice = Notices.listChanged(switch (part) {
                        case TOOLS -> "tools";
                        case PROMPTS -> "prompts";
                        case RESOURCES -> "resources";
                    });
                    sessions.all().forEach(s -> s.notifyClient(notice));
                });
            }

            @Override
            public void resourceUpdated(SwitchboardEvent.ResourceUpdated event) {
                subscriptions.updated(event.server(), event.uri());
            }

            @Override
            public void serverLogged(SwitchboardEvent.ServerLogged event) {
                logLevels.deliver(event.server(), event.message());
            }

            @Override
            public void configReloaded(SwitchboardEvent.ConfigReloaded event) {
                if (!tokensFromFile) {
                    return; // an application gave the gateway tokens of its own: a reload of the file is not theirs
                }
                access.follow(switchboard.config().gateway());
                var current = access.current();
                events.closeUnless(current);
                sessions.all().stream().filter(s -> !current.test(s.caller())).map(Session::id).toList()
                        .forEach(id -> sessions.close(id, "its access token was removed or changed by a reload of"
                                + " the configuration; initialize a new session"));
            }
        };
        switchboard.addListener(listener);
        switchboard.addListener(events);
        try {
            server.start();
        } catch (Exception e) {
            switchboard.removeListener(listener); // the Switchboard outlives a gateway that could not listen
            switchboard.removeListener(events);
            metrics.close();
            access.close();
            throw e;
        }
        Duration idle = settings.sessionIdleTimeout();
        this.reaper = Thread.ofVirtual().name("switchboard-gateway-reaper").start(() -> reapEvery(
                idle.compareTo(Duration.ofMinutes(2)) < 0 ? idle.dividedBy(2) : Duration.ofMinutes(1)));
        this.sampler = Thread.ofVirtual().name("switchboard-gateway-trends").start(trends::run);
        log.atInfo().setMessage("gateway.listening").addKeyValue("url", url())
                .addKeyValue("tokens", settings.tokens().size()).addKeyValue("oauth", settings.oauth() != null)
                .log();
        warnAboutExposure(settings);
    }

    private static ServerConnector tlsConnector(Server server, HttpConfiguration http, GatewaySettings settings) {
        // The certificate's names are the client's to check; Jetty's SNI host check would also refuse clients
        // that reach the gateway by an address (127.0.0.1) rather than a name.
        http.addCustomizer(new SecureRequestCustomizer(false, false, -1, false));
        return new ServerConnector(server, new SslConnectionFactory(Tls.factory(settings.tls()), "http/1.1"),
                new HttpConnectionFactory(http));
    }

    private void warnAboutExposure(GatewaySettings settings) {
        if (settings.loopbackOnly()) {
            return;
        }
        if (!settings.accessControlled()) {
            log.atWarn().setMessage("gateway.insecure").addKeyValue("url", url()).addKeyValue("reason", "the"
                    + " gateway listens beyond loopback without tokens (insecure): anyone who reaches it can use"
                    + " every server; add gateway.tokens (switchboard token create NAME)").log();
        } else if (!tls) {
            log.atWarn().setMessage("gateway.plain_http").addKeyValue("url", url()).addKeyValue("reason", "tokens"
                    + " travel in clear text beyond this machine: configure gateway.tls, or put a TLS-terminating"
                    + " proxy in front").log();
        }
    }

    /**
     * Starts the gateway on the settings of the Switchboard's configuration ({@code gateway:}).
     *
     * @throws IllegalStateException when it cannot listen (the port is taken, the address is not this machine's)
     *     or may not (beyond loopback without tokens), saying what to do
     */
    public static Gateway start(Switchboard switchboard) {
        return start(switchboard, switchboard.config().gateway());
    }

    /** Starts the gateway on these settings; see {@link #start(Switchboard)}. */
    public static Gateway start(Switchboard switchboard, GatewaySettings settings) {
        return start(switchboard, settings, switchboard.config());
    }

    /**
     * Starts the gateway on these settings, with the {@code session: per_client} servers of {@code full} run once
     * per client session; {@code switchboard} runs the other (shared) servers, started with
     * {@code Switchboard.builder(full).onlyServers(Gateway::shared)}.
     */
    public static Gateway start(Switchboard switchboard, GatewaySettings settings, SwitchboardConfig full) {
        return start(switchboard, settings, full, null);
    }

    /**
     * Starts the gateway as {@link #start(Switchboard, GatewaySettings, SwitchboardConfig)} does, serving the meters
     * of {@code registry} at {@code /metrics} with its own, which it adds there; made by {@link #newMeterRegistry()}
     * and given to the Switchboard too, it carries the library's call, breaker and health meters. With null, the
     * gateway keeps a registry of its own. The caller closes {@code registry}.
     */
    public static Gateway start(Switchboard switchboard, GatewaySettings settings, SwitchboardConfig full,
            PrometheusMeterRegistry registry) {
        return start(switchboard, settings, full, registry, Clock.systemUTC(), System::nanoTime);
    }

    /** As {@link #start(Switchboard, GatewaySettings, SwitchboardConfig)}, with these clocks (tests drive both). */
    static Gateway start(Switchboard switchboard, GatewaySettings settings, SwitchboardConfig full, Clock clock,
            Supplier<Long> nanoTime) {
        return start(switchboard, settings, full, null, clock, nanoTime);
    }

    /**
     * Starts the gateway with these clocks: {@code clock} for sessions and warnings, {@code nanoTime} for the rate
     * limits.
     *
     * @throws IllegalStateException when the settings say to listen beyond loopback without tokens (see
     *     {@link GatewaySettings#unsafeListen()}), or when it cannot listen
     */
    private static Gateway start(Switchboard switchboard, GatewaySettings settings, SwitchboardConfig full,
            PrometheusMeterRegistry registry, Clock clock, Supplier<Long> nanoTime) {
        if (settings.unsafeListen() != null) {
            throw new IllegalStateException("gateway.listen: " + settings.unsafeListen());
        }
        try {
            return new Gateway(switchboard, settings, full, registry, clock, nanoTime);
        } catch (IllegalArgumentException e) {
            throw e; // the TLS files: the message says which and what to do
        } catch (Exception e) {
            throw new IllegalStateException("the gateway cannot listen on " + settings.host() + ":" + settings.port()
                    + ": " + e.getMessage() + " (is the port taken? set gateway.listen or --listen)", e);
        }
    }

    /**
     * A Prometheus registry for the gateway's {@code /metrics}: give it to the Switchboard
     * ({@code Switchboard.builder(config).meterRegistry(registry)}) and to {@link #start(Switchboard,
     * GatewaySettings, SwitchboardConfig, PrometheusMeterRegistry)}, so that one scrape has both. The library's call
     * timers get latency buckets (those OpenTelemetry's MCP conventions advise); JVM meters are bound.
     */
    public static PrometheusMeterRegistry newMeterRegistry() {
        return GatewayMetrics.newRegistry();
    }

    /** Whether a configured server is shared by every client (not {@code session: per_client}). */
    public static boolean shared(ServerConfig server) {
        return !PerClient.isPerClient(server);
    }

    /** How many client sessions have their own connections to the {@code per_client} servers open. */
    public int perClientSessionCount() {
        return perClient.openCount();
    }

    /** The MCP endpoint, e.g. {@code http://127.0.0.1:7700/mcp}. */
    public URI url() {
        String host = connector.getHost();
        try {
            if (InetAddress.getByName(host).getAddress().length == 16) {
                host = "[" + host + "]";
            }
        } catch (UnknownHostException e) {
            // a name, not an address: used as it is
        }
        return URI.create((tls ? "https://" : "http://") + host + ":" + connector.getLocalPort() + McpEndpoint.PATH);
    }

    /** The REST API's root, e.g. {@code http://127.0.0.1:7700/api/v1}; see docs/gateway.md. */
    public URI apiUrl() {
        return url().resolve(RestRoutes.PREFIX);
    }

    /**
     * The stream of the legacy HTTP+SSE transport (protocol 2024-11-05) for clients without Streamable HTTP, e.g.
     * {@code http://127.0.0.1:7700/sse}.
     */
    public URI sseUrl() {
        return url().resolve(LegacySseEndpoint.SSE_PATH);
    }

    /** How many downstream sessions are open. */
    public int sessionCount() {
        return sessions.size();
    }

    /**
     * Stops gracefully: new sessions are refused with 503 and {@code /readyz} answers 503 "draining" at once, calls
     * in flight get up to {@code drain} to finish, then every session ends (its remaining calls cancelled on their
     * servers) and the port is closed.
     */
    public void shutdown(Duration drain) {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        operations.drain();
        endpoint.drain();
        legacyEndpoint.drain();
        restApi.drain();
        try {
            long deadline = System.nanoTime() + drain.toNanos();
            sessions.awaitNoCalls(drain);
            restApi.awaitIdle(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        switchboard.removeListener(listener);
        switchboard.removeListener(events);
        events.close(); // each event stream says "closed" and ends before the port closes
        try {
            events.awaitNone(Duration.ofSeconds(2)); // a client that does not read is cut by server.stop()
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sampler.interrupt();
        sessions.closeAll("the gateway is shutting down");
        perClient.closeAll();
        access.close();
        reaper.interrupt();
        try {
            server.stop();
        } catch (Exception e) {
            log.atWarn().setMessage("gateway.stop.failed").addKeyValue("error", e.toString()).log();
        }
        metrics.close();
    }

    /** Stops at once: calls in flight are cancelled on their servers. */
    @Override
    public void close() {
        shutdown(Duration.ZERO);
    }

    private void reapEvery(Duration period) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(period);
            } catch (InterruptedException e) {
                return;
            }
            sessions.closeIdle();
            perClient.closeIdle();
        }
    }
}
