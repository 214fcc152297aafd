package dev.switchboard.internal.upstream;

import dev.switchboard.ErrorCode;
import dev.switchboard.SwitchboardEvent.CatalogPart;
import dev.switchboard.SwitchboardException;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.config.StdioServer;
import dev.switchboard.config.Transport;
import dev.switchboard.internal.auth.BearerSource;
import dev.switchboard.internal.auth.OAuthClient;
import dev.switchboard.internal.auth.TokenStore;
import dev.switchboard.internal.observe.LogEvents;
import dev.switchboard.internal.observe.LogGate;
import dev.switchboard.internal.observe.Masker;
import dev.switchboard.spi.Sleeper;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Makes one connection attempt to a server: builds its transport, initialises the MCP session within the connect
 * timeout, and lists what the server offers. Either returns a ready {@link UpstreamSession} or throws a classified
 * {@link SwitchboardException}, leaving nothing open behind it.
 */
final class Connector {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Connector.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);
    private static final String RESOURCE_UPDATED = "notifications/resources/updated";
    /** How long the check that an HTTP server is still there may try to connect to its port. */
    private static final Duration ALIVE_CONNECT = Duration.ofSeconds(1);

    private final ServerConfig config;
    private final Clock clock;
    private final HttpExchangeLog http = new HttpExchangeLog();
    private final ErrorClassifier classifier;
    private final SessionHooks hooks;
    private final ServerRequests serverRequests;
    private final Masker masker;
    private final LogGate gate;
    private final DroppedErrors dropped;
    /** The OAuth client of a server with {@code auth}, kept across connections (its tokens outlive a session). */
    private final OAuthHooks oauth;
    /** Whether {@link #oauth} carries one user's credentials rather than the server's own. */
    private final boolean perUser;
    /** The stdio transport of the attempt under way, if any: what it read that was not JSON-RPC explains a silence. */
    private volatile StdioProcessTransport attemptStdio;

    /** What a live session reports back to its owner. */
    interface SessionHooks {
        void onToolsChanged(java.util.List<McpSchema.Tool> tools);

        void onServerLog(McpSchema.LoggingMessageNotification message);

        /** A {@code notifications/progress} for one of the requests in flight. */
        default void onProgress(McpSchema.ProgressNotification progress) {
        }

        /** The server's resources or prompts changed ({@code notifications/.../list_changed}). */
        default void onListChanged(CatalogPart part) {
        }

        /** The server said that a subscribed resource changed. */
        default void onResourceUpdated(String uri) {
        }

        /** The server wrote a line that is not JSON-RPC. */
        default void onInvalidOutput(InvalidOutput output) {
        }
    }

    /**
     * @param bearer where the {@code Authorization} of every request comes from (one user's credentials), or null
     *     for the server's own: its {@code auth}'s OAuth client, or its configured headers
     */
    Connector(ServerConfig config, Clock clock, SessionHooks hooks, dev.switchboard.ClientHandlers handlers,
            Masker masker, LogGate gate, TokenStore tokenStore, BearerSource bearer) {
        this.config = config;
        this.masker = masker;
        this.gate = gate;
        this.dropped = new DroppedErrors(config.name(), gate, masker);
        this.serverRequests = new ServerRequests(config, handlers, gate);
        this.clock = clock;
        this.hooks = hooks;
        this.classifier = new ErrorClassifier(config, config instanceof HttpServer ? http : null, masker);
        this.perUser = bearer != null;
        this.oauth = bearer != null ? new OAuthHooks(bearer, config.name())
                : config instanceof HttpServer h && h.auth() != null ? new OAuthHooks(new OAuthClient(h,
                handlers.authorization(), clock, gate, tokenStore), h.name()) : null;
        http.setAuthorizing(oauth != null);
    }

    ErrorClassifier classifier() {
        return classifier;
    }

    /** Where Reactor's dropped errors of this connection go; every request to the SDK carries it. */
    DroppedErrors dropped() {
        return dropped;
    }

    ServerRequests serverRequests() {
        return serverRequests;
    }

    /** One attempt; interrupting the calling thread abandons it and releases what it started. */
    UpstreamSession connect() throws InterruptedException {
        http.reset();
        Instant start = clock.instant();
        Duration timeout = config.options().connectTimeout();
        long deadline = System.nanoTime() + timeout.toNanos();
        var early = new CompletableFuture<Throwable>();
        var live = new AtomicReference<UpstreamSession>();
        http.onAttemptEnding(r -> {
            if (live.get() == null) {
                early.complete(new HttpExchangeLog.StatusException(r));
            }
        });
        if (config.transport() == Transport.SSE) {
            // Legacy SSE carries every answer on the one stream: once it ends, the session is gone.
            http.onStreamEnd(error -> {
                UpstreamSession s = live.get();
                if (s == null) {
                    early.complete(error != null ? error : new java.io.EOFException("the event stream ended"));
                } else {
                    // Not on the HTTP client's thread: losing a session waits for its callers to cancel over HTTP.
                    Thread.ofVirtual().name("switchboard-sse-dropped-" + config.name())
                            .start(() -> s.lose(streamDropped(error)));
                }
            });
        }
        var httpClient = new AtomicReference<HttpClient>();
        var intercepting = new AtomicReference<InterceptingTransport>();
        StreamResumer resumer = null;
        if (config instanceof HttpServer h && h.transport() == Transport.STREAMABLE_HTTP) {
            resumer = new StreamResumer(h.name(), () -> oauth == null ? h.headers() : oauth.headers(h.headers()),
                    httpClient::get, m -> {
                InterceptingTransport t = intercepting.get();
                if (t != null) {
                    t.deliver(m);
                }
            }, Sleeper.SYSTEM, gone -> {
                UpstreamSession s = live.get();
                if (s != null) {
                    s.lose(classifier.classify(gone, "a stream of the session", null,
                            config.options().requestTimeout()));
                }
            }, gate);
            http.onStreamInterrupted(resumer::resume);
        }
        McpAsyncClient client = null;
        McpClientTransport transport = null;
        try {
            var exchanges = config instanceof HttpServer ? new OpenExchanges() : null; // stdio has no exchanges
            McpClientTransport wire0 = transport(httpClient::set, exchanges);
            attemptStdio = wire0 instanceof StdioProcessTransport stdio ? stdio : null;
            if (wire0 instanceof StdioProcessTransport stdio) {
                stdio.onInvalidOutput(hooks::onInvalidOutput);
                stdio.onExitSeen(e -> {
                    UpstreamSession s = live.get();
                    if (s != null) {
                        s.stopAdmitting(e);
                    }
                });
            }
            InterceptingTransport t = new InterceptingTransport(wire0, e -> onTransportError(e, early, live), gate);
            t.droppedErrors(dropped);
            t.exchanges(exchanges);
            t.onNotification(n -> {
                if (RESOURCE_UPDATED.equals(n.method()) && n.params() instanceof Map<?, ?> p
                        && p.get("uri") instanceof String uri) {
                    hooks.onResourceUpdated(uri);
                }
            });
            intercepting.set(t);
            transport = t;
            client = buildClient(transport);
            McpSchema.InitializeResult init = await(dropped.on(client.initialize()).toFuture(), early, deadline,
                    "initialize");
            var listing = new Listing(client, early, deadline, this);
            StreamResumer streams = resumer;
            McpAsyncClient sdk = client;
            McpClientTransport wire = transport;
            UpstreamSession session = listing.toSession(init, start, clock, () -> {
                stop(streams);
                closeQuietly(sdk, wire, httpClient.get());
            });
            session.transport = (InterceptingTransport) transport;
            if (config instanceof HttpServer h) {
                session.aliveCheck(() -> nobodyListens(h.url()));
            }
            live.set(session);
            return session;
        } catch (InterruptedException e) {
            stop(resumer);
            closeQuietly(client, transport, httpClient.get());
            throw e;
        } catch (RuntimeException e) {
            stop(resumer);
            closeQuietly(client, transport, httpClient.get());
            throw e instanceof SwitchboardException se ? se
                    : classifier.classify(e, "initialize", null, timeout);
        }
    }

    /**
     * Whether nobody listens where the server was: a TCP connection to its port is refused (then why), or made or
     * unknown (then null: a slow or unreachable network is not proof that the server is gone).
     */
    private SwitchboardException nobodyListens(URI url) {
        int port = url.getPort() != -1 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(url.getHost(), port), (int) ALIVE_CONNECT.toMillis());
            return null;
        } catch (ConnectException refused) {
            return classifier.classify(refused, "a check that the server is still there", null, ALIVE_CONNECT);
        } catch (IOException | RuntimeException unknown) {
            return null;
        }
    }

    private SwitchboardException streamDropped(Throwable error) {
        String how = error == null ? "closed its event stream" : "lost its event stream ("
                + ErrorClassifier.describe(error) + ")";
        return new SwitchboardException(dev.switchboard.ErrorCode.UNREACHABLE, config.name(), null, masker.mask(
                "server '" + config.name() + "' " + how + "; Switchboard reconnects with backoff"), error);
    }

    private void onTransportError(Throwable t, CompletableFuture<Throwable> early,
            AtomicReference<UpstreamSession> live) {
        if (config.transport() == Transport.STREAMABLE_HTTP && http.isGetStreamFailure(t)) {
            // The optional GET stream broke off: StreamResumer reopens it (with Last-Event-ID); calls are unaffected.
            gate.debug(log, LogEvents.UPSTREAM_GET_STREAM_DROPPED).addKeyValue("server", config.name())
                    .addKeyValue("error", t.toString()).log();
            return;
        }
        if (http.takeOptionalGetFailure() && t instanceof io.modelcontextprotocol.spec.McpTransportException) {
            // The server offers no GET stream (a stateless server answers 404, or no event stream): POSTs still work.
            gate.info(log, LogEvents.UPSTREAM_NO_GET_STREAM)
                    .addKeyValue("server", config.name()).addKeyValue("error", ErrorClassifier.describe(t)).log();
            return;
        }
        UpstreamSession session = live.get();
        if (session == null) {
            early.complete(t);
            return;
        }
        SwitchboardException error = classifier.classify(t, "a request", null, config.options().requestTimeout());
        if (SessionRequest.losesTheSession(error)) {
            // A refused session, an exited process or a server that is gone: the supervisor starts a new session.
            session.lose(error);
        } else {
            session.failInFlight(error);
        }
    }

    /** Waits for an SDK future, failing early when the transport reports an error first. */
    <T> T await(CompletableFuture<T> future, CompletableFuture<Throwable> early, long deadlineNanos, String what)
            throws InterruptedException {
        early.thenAccept(future::completeExceptionally);
        long left = deadlineNanos - System.nanoTime();
        try {
            return future.get(Math.max(0, left), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            StdioProcessTransport stdio = attemptStdio;
            InvalidOutput noise = stdio == null ? InvalidOutput.NONE : stdio.invalidOutput();
            if (noise.lines() > 0) {
                throw new SwitchboardException(ErrorCode.PROTOCOL_MISMATCH, config.name(), null, masker.mask(
                        "server '" + config.name() + "' gave no readable answer to " + what + ": " + noise.describe()
                        + "; check that it is an MCP server and writes nothing else to stdout (logs go to stderr)"),
                        e);
            }
            throw classifier.classify(e, what, null, config.options().connectTimeout());
        } catch (ExecutionException e) {
            throw classifier.classify(e.getCause(), what, null, config.options().connectTimeout());
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        }
    }

    private McpAsyncClient buildClient(McpClientTransport transport) {
        // Switchboard enforces deadlines itself (a call may run up to max_total when progress extends it); the
        // SDK's timeout is only a backstop, and a request it times out would stay in its pending map.
        Duration request = config.options().calls().maxTotal();
        return serverRequests.install(McpClient.async(transport))
                .requestTimeout(request.plus(Duration.ofSeconds(5)))
                .initializationTimeout(config.options().connectTimeout().plus(Duration.ofSeconds(5)))
                .clientInfo(new McpSchema.Implementation("switchboard", Version.TEXT))
                .toolsChangeConsumer(tools -> reactor.core.publisher.Mono.fromRunnable(
                        () -> hooks.onToolsChanged(tools)))
                .loggingConsumer(msg -> reactor.core.publisher.Mono.fromRunnable(() -> hooks.onServerLog(msg)))
                .progressConsumer(p -> reactor.core.publisher.Mono.fromRunnable(() -> hooks.onProgress(p)))
                // The SDK lists the changed resources or prompts whether or not anyone listens; only the fact counts.
                .resourcesChangeConsumer(r -> reactor.core.publisher.Mono.fromRunnable(
                        () -> hooks.onListChanged(CatalogPart.RESOURCES)))
                .promptsChangeConsumer(p -> reactor.core.publisher.Mono.fromRunnable(
                        () -> hooks.onListChanged(CatalogPart.PROMPTS)))
                .build();
    }

    private McpClientTransport transport(Consumer<HttpClient> ownHttpClient, OpenExchanges exchanges) {
        return switch (config) {
            case StdioServer s -> StdioTransports.create(s, masker, gate);
            case HttpServer h -> httpTransport(h, ownHttpClient, exchanges);
        };
    }

    private McpClientTransport httpTransport(HttpServer h, Consumer<HttpClient> ownHttpClient,
            OpenExchanges exchanges) {
        URI url = h.url();
        String base = url.getScheme() + "://" + url.getRawAuthority();
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        String endpoint = path + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        HttpClient.Builder clients = ObservedHttpClient.builder(http, exchanges, ownHttpClient)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(h.options().connectTimeout());
        http.setGetStreamOptional(h.transport() == Transport.STREAMABLE_HTTP);
        if (h.transport() == Transport.SSE) {
            return HttpClientSseClientTransport.builder(base)
                    .sseEndpoint(endpoint)
                    .clientBuilder(clients)
                    .httpRequestCustomizer((b, method, uri, body, ctx) -> {
                        customize(h, b, method, body);
                        if (perUser) { // the SDK's SSE transport has no async customizer: set the user's token here
                            oauth.headers(Map.of()).forEach(b::setHeader);
                        }
                    })
                    .build();
        }
        var streamable = HttpClientStreamableHttpTransport.builder(base)
                .endpoint(endpoint)
                .clientBuilder(clients)
                .httpRequestCustomizer((b, method, uri, body, ctx) -> customize(h, b, method, body));
        if (oauth != null) {
            streamable.addAsyncHttpRequestCustomizer(oauth.customizer()).authorizationErrorHandler(
                    oauth.errorHandler());
        }
        return streamable.build();
    }

    /** The configured headers on every request; a request's POST tagged with its id (see {@link OpenExchanges}). */
    private static void customize(HttpServer h, java.net.http.HttpRequest.Builder b, String method, String body) {
        h.headers().forEach(b::setHeader);
        OpenExchanges.tag(b, method, body);
    }

    private static void stop(StreamResumer resumer) {
        if (resumer != null) {
            resumer.stop();
        }
    }

    static void closeQuietly(McpAsyncClient client, McpClientTransport transport, HttpClient httpClient) {
        // Closing must finish even on an interrupted thread (Upstream.close interrupts a connecting supervisor):
        // the waits for the process to exit would otherwise return at once and leave it to the shutdown hook.
        boolean interrupted = Thread.interrupted();
        try {
            closeAll(client, transport, httpClient);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void closeAll(McpAsyncClient client, McpClientTransport transport, HttpClient httpClient) {
        try {
            if (client != null) {
                client.closeGracefully().block(CLOSE_TIMEOUT);
            }
        } catch (RuntimeException ignored) {
            // Closing is best effort: the transport close below releases what matters.
        }
        try {
            if (transport != null) {
                transport.close();
            }
        } catch (RuntimeException ignored) {
            // Same: a transport that fails to close politely is still released by its owner.
        }
        if (httpClient != null) {
            httpClient.shutdownNow();
        }
    }
}
