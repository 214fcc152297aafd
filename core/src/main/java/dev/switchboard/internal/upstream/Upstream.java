package dev.switchboard.internal.upstream;

import dev.switchboard.ErrorCode;
import dev.switchboard.internal.auth.BearerSource;
import dev.switchboard.internal.auth.TokenStore;
import dev.switchboard.ErrorInfo;
import dev.switchboard.ServerState;
import dev.switchboard.SwitchboardEvent.CatalogPart;
import dev.switchboard.SwitchboardException;
import dev.switchboard.config.CredentialsMode;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.config.ServerOptions;
import dev.switchboard.internal.observe.LogEvents;
import dev.switchboard.internal.observe.LogGate;
import dev.switchboard.internal.observe.Masker;
import dev.switchboard.internal.status.StatusSnapshot;
import dev.switchboard.spi.Sleeper;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * One supervised connection to one server. A virtual thread connects, retries transient failures with backoff and
 * jitter, and reconnects when the session is lost (a crashed process is restarted), until the connection is closed.
 * Requests are made on the current session and fail at once, with a classified error, when it is lost.
 */
public final class Upstream implements ToolSession, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Upstream.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(15);
    /** A session lost sooner than this after it was ready is re-established only after the usual backoff. */
    private static final Duration QUICK_LOSS = Duration.ofSeconds(1);
    /** The longest a request waits for a check that its server is still there (a connect on the server's port). */
    private static final Duration ALIVE_CHECK_WAIT = Duration.ofSeconds(2);
    /** What a session's start or end changes in the catalog: everything the server offers. */
    private static final Set<CatalogPart> EVERYTHING = EnumSet.allOf(CatalogPart.class);
    private static final TypeRef<McpSchema.CallToolResult> CALL_TOOL_RESULT = new TypeRef<>() { };

    private final ServerConfig config;
    /** The credentials of the one user this connection is for, or null for the server's shared connection. */
    private final BearerSource bearer;
    private final Clock clock;
    private final Sleeper sleeper;
    private final UpstreamListener listener;
    private final Connector connector;
    private final Backoff backoff;
    private final StatusBook book;
    private final RestartTracker restarts;
    private final CompletableFuture<StatusSnapshot> settled = new CompletableFuture<>();
    private final CompletableFuture<StatusSnapshot> firstAttempt = new CompletableFuture<>();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CompletableFuture<Void> closeDone = new CompletableFuture<>();
    private final LogGate gate;
    private final ProgressRoutes progress;
    private final StandingRequests standing;
    private final ReentrantLock readyLock = new ReentrantLock();
    private final Condition readyChanged = readyLock.newCondition();
    private volatile UpstreamSession session;
    /** The tools of the last session, kept while the server is down so a catalog can show them unavailable. */
    private volatile List<McpSchema.Tool> lastTools = List.of();
    /** Tools listed by a change notification that arrived before its session was ready. */
    private volatile List<McpSchema.Tool> announcedTools;
    private final ReentrantLock toolsLock = new ReentrantLock();
    private volatile long sessionNumber;
    private volatile boolean closed;
    private volatile Thread supervisor;
    private volatile DeadlineWatch deadlines;
    /** Why the server is disabled, for the message of a call made to it anyway. */
    private volatile String disabledBecause = "it is disabled in the configuration";
    /** Sessions lost soon after they were ready, one after the other; only the supervisor thread uses it. */
    private int quickLossesInARow;

    /**
     * A connection on its own (tools, tests): no handlers, no secret values known to mask, and every log event
     * emitted.
     */
    public Upstream(ServerConfig config, Clock clock, Sleeper sleeper, UpstreamListener listener) {
        this(config, clock, sleeper, listener, dev.switchboard.ClientHandlers.NONE, Masker.URLS_ONLY, LogGate.ALL,
                null);
    }

    /**
     * A connection whose server's requests (sampling, elicitation, roots) are answered by {@code handlers}, whose
     * logs and messages are masked by {@code masker}, and whose log events (its transport's and process's too) pass
     * {@code gate}; an OAuth-protected server keeps its tokens in {@code tokenStore} (null: in memory only).
     */
    public Upstream(ServerConfig config, Clock clock, Sleeper sleeper, UpstreamListener listener,
            dev.switchboard.ClientHandlers handlers, Masker masker, LogGate gate, TokenStore tokenStore) {
        this(config, clock, sleeper, listener, handlers, masker, gate, tokenStore, null);
    }

    /**
     * A connection whose every request carries the {@code Authorization} of {@code bearer} (one user's
     * credentials: a per-user session) instead of the server's own; otherwise as above.
     */
    public Upstream(ServerConfig config, Clock clock, Sleeper sleeper, UpstreamListener listener,
            dev.switchboard.ClientHandlers handlers, Masker masker, LogGate gate, TokenStore tokenStore,
            BearerSource bearer) {
        this.config = config;
        this.bearer = bearer;
        this.gate = gate;
        this.progress = new ProgressRoutes(gate);
        this.clock = clock;
        this.sleeper = sleeper;
        this.listener = listener;
        this.backoff = new Backoff(config.options().retry());
        this.book = new StatusBook(config);
        this.restarts = new RestartTracker(config.options().restart());
        this.standing = new StandingRequests(config.name(), gate);
        this.connector = new Connector(config, clock, new Connector.SessionHooks() {
            @Override
            public void onToolsChanged(List<McpSchema.Tool> tools) {
                toolsLock.lock();
                try {
                    UpstreamSession s = session;
                    if (s != null) {
                        s.tools(tools);
                    } else {
                        // The change came while the session was still being set up; runSession applies it.
                        announcedTools = List.copyOf(tools);
                    }
                } finally {
                    toolsLock.unlock();
                }
                gate.info(log, LogEvents.UPSTREAM_TOOLS_CHANGED).addKeyValue("server", config.name())
                        .addKeyValue("tools", tools.size()).log();
                listener.onCatalogChanged(EnumSet.of(CatalogPart.TOOLS));
            }

            @Override
            public void onListChanged(CatalogPart part) {
                listener.onCatalogChanged(EnumSet.of(part));
            }

            @Override
            public void onInvalidOutput(InvalidOutput output) {
                // Not healthy, and the status says why: a server that speaks something else than JSON-RPC.
                ErrorInfo e = new ErrorInfo(ErrorCode.PROTOCOL_MISMATCH, "server '" + config.name() + "': "
                        + output.describe(), clock.instant());
                if (book.state() == ServerState.READY) {
                    book.failed(e);
                }
                listener.onProtocolError(e);
            }

            @Override
            public void onServerLog(McpSchema.LoggingMessageNotification m) {
                ServerLogs.log(gate, log, config.name(), m, masker);
                listener.onServerLog(m);
                if (handlers.serverLog() != null) {
                    try {
                        handlers.serverLog().onLog(config.name(), m);
                    } catch (RuntimeException e) {
                        gate.warn(log, LogEvents.UPSTREAM_SERVER_LOG_LISTENER_FAILED)
                                .addKeyValue("server", config.name()).setCause(e).log();
                    }
                }
            }

            @Override
            public void onProgress(McpSchema.ProgressNotification p) {
                progress.deliver(p);
            }

            @Override
            public void onResourceUpdated(String uri) {
                listener.onResourceUpdated(uri);
            }
        }, handlers, masker, gate, tokenStore, bearer);
    }

    @Override
    public String name() {
        return config.name();
    }

    public ServerConfig config() {
        return config;
    }

    @Override
    public ServerOptions options() {
        return config.options();
    }

    /** Says why the server is disabled when it is not the configuration (an operator, at runtime). */
    public void disabledBecause(String why) {
        this.disabledBecause = why;
    }

    /** Starts connecting in the background; a disabled server is only marked so. */
    public void start() {
        if (config.options().credentials() == CredentialsMode.PER_USER && bearer == null) {
            // No shared connection: the server is reached only with each user's own credentials.
            disabledBecause = "its credentials are per_user: every call carries its user's credentials";
            update(ServerState.DISABLED, null);
            settle(settled);
            return;
        }
        if (!config.options().enabled()) {
            update(ServerState.DISABLED, null);
            settle(settled);
            return;
        }
        deadlines = new DeadlineWatch(config.name());
        supervisor = Thread.ofVirtual().name("switchboard-upstream-" + config.name()).start(this::supervise);
    }

    /**
     * Completes when the server is first ready, has failed for good, or has used up its startup attempts (it is
     * then retried in the background).
     */
    public CompletableFuture<StatusSnapshot> settled() {
        return settled;
    }

    /**
     * Completes when the first connection attempt has ended, whatever its outcome (or when the server is disabled
     * or closed before it made one).
     */
    public CompletableFuture<StatusSnapshot> firstAttempt() {
        return firstAttempt;
    }

    /** Completes {@code future}, and the first attempt with it: a settled server has made its attempt. */
    private void settle(CompletableFuture<StatusSnapshot> future) {
        StatusSnapshot now = status();
        future.complete(now);
        firstAttempt.complete(now);
    }

    public StatusSnapshot status() {
        return book.snapshot(session);
    }

    /** Whether the server is READY: what {@code status().ready()} says, without building a snapshot. */
    public boolean isReady() {
        return book.state() == ServerState.READY;
    }

    /** The state, without building a snapshot. */
    @Override
    public ServerState state() {
        return book.state();
    }

    @Override
    public ErrorInfo lastError() {
        return book.lastError();
    }

    /** The tools of the current session; empty when not connected. */
    @Override
    public List<McpSchema.Tool> tools() {
        UpstreamSession s = session;
        return s == null ? List.of() : s.tools();
    }

    /** The tools of the current session, or of the last one while not connected; empty before the first. */
    public List<McpSchema.Tool> lastKnownTools() {
        UpstreamSession s = session;
        return s == null ? lastTools : s.tools();
    }

    private void supervise() {
        int failures = 0;
        boolean restarting = false;
        while (!closed) {
            if (restarting && !admitRestart()) {
                return;
            }
            update(ServerState.CONNECTING, null);
            gate.info(log, LogEvents.UPSTREAM_CONNECTING).addKeyValue("server", config.name())
                    .addKeyValue("transport", config.transport().configName())
                    .addKeyValue("attempt", book.attempts() + 1).log();
            Duration retryAfter = null;
            try {
                book.attempt();
                announcedTools = null;
                UpstreamSession s = connector.connect();
                failures = 0;
                if (!runSession(s)) {
                    return;
                }
                restarting = true;
                failures = quickLosses(s);
                if (failures <= 1) {
                    failures = 0; // a first loss is replaced at once; backoff applies from the next one in a row
                    continue;
                }
            } catch (SwitchboardException e) {
                failures++;
                retryAfter = retryAfterOf(e);
                if (!recordFailure(e, failures)) {
                    return;
                }
            } catch (InterruptedException e) {
                break;
            }
            boolean startupAttemptsUsed = failures >= config.options().retry().maxAttempts();
            if (!waitBeforeRetry(backoff.delay(failures, retryAfter), startupAttemptsUsed)) {
                break;
            }
        }
        update(ServerState.CLOSED, null);
    }

    /** Serves one ready session until it is lost; returns false when the connection was closed meanwhile. */
    private boolean runSession(UpstreamSession s) throws InterruptedException {
        toolsLock.lock();
        try {
            if (announcedTools != null) {
                s.tools(announcedTools);
            }
            sessionNumber++; // only the supervisor thread writes it
            session = s;
        } finally {
            toolsLock.unlock();
        }
        if (closed) {
            session = null;
            s.close();
            return false;
        }
        book.ready(s);
        update(ServerState.READY, null);
        gate.info(log, LogEvents.UPSTREAM_READY).addKeyValue("server", config.name())
                .addKeyValue("transport", config.transport().configName())
                .addKeyValue("protocol", s.init.protocolVersion())
                .addKeyValue("duration_ms", s.connectDuration.toMillis()).addKeyValue("tools", s.tools().size()).log();
        settle(settled);
        if (!standing.isEmpty()) {
            Thread.ofVirtual().name("switchboard-renew-" + config.name()).start(() -> standing.renew(renewal()));
        }
        listener.onCatalogChanged(EVERYTHING);
        // Not ready from the moment the session starts going: new calls wait for the next one instead.
        s.onLosing(early -> {
            if (!closed) {
                book.failed(errorInfo(early));
                update(ServerState.RETRYING, null);
            }
        });
        try {
            SwitchboardException reason = s.lost().get();
            lastTools = s.tools();
            session = null;
            if (!closed) {
                // Reported before the session is closed, which may take a while: health hears of the loss now.
                book.failed(errorInfo(reason));
                update(ServerState.RETRYING, null);
                gate.warn(log, LogEvents.UPSTREAM_LOST).addKeyValue("server", config.name())
                        .addKeyValue("error_code", reason.code().name()).addKeyValue("message", reason.getMessage())
                        .log();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("a session's loss is never exceptional", e);
        } finally {
            lastTools = s.tools();
            session = null;
            restarts.sessionEnded(s.readyAt, clock.instant());
            s.close();
            listener.onCatalogChanged(EVERYTHING);
        }
        return !closed;
    }

    /**
     * How many sessions in a row were lost without serving anything, this one included (0 when it served). A lost
     * session is replaced at once: its callers are waiting, and one crash is no reason to wait. A session that
     * answered no request and was lost sooner than {@link #QUICK_LOSS} after it was ready looks like a crash loop
     * (a server that dies on start, or on the first call, or forgets every session): such losses in a row wait with
     * the backoff of that many failures, so that the supervisor cannot spin.
     */
    private int quickLosses(UpstreamSession s) {
        boolean quick = !s.servedAny() && Duration.between(s.readyAt, clock.instant()).compareTo(QUICK_LOSS) < 0;
        quickLossesInARow = quick ? quickLossesInARow + 1 : 0;
        return quickLossesInARow;
    }

    /** Counts a restart; when the restart cap is reached the server turns FAILED, saying why. */
    private boolean admitRestart() {
        String refused = restarts.admit(clock.instant());
        if (refused == null) {
            return true;
        }
        ErrorInfo last = book.lastError();
        var e = new SwitchboardException(last == null ? ErrorCode.SERVER_UNAVAILABLE : last.code(), config.name(),
                null, "server '" + config.name() + "' " + refused + (last == null ? "" : "; last failure: "
                + last.code() + ": " + last.message()) + "; fix the cause, then reconnect it", null);
        update(ServerState.FAILED, e);
        settle(settled);
        gate.warn(log, LogEvents.UPSTREAM_RESTART_LIMIT).addKeyValue("server", config.name())
                .addKeyValue("error_code", e.code().name()).addKeyValue("message", e.getMessage()).log();
        return false;
    }

    /** Restarts since the server was last stable for {@code restart.stable_after}. */
    public int restarts() {
        UpstreamSession s = session;
        return restarts.count(s == null ? null : s.readyAt, clock.instant());
    }

    /**
     * Runs one health probe on the current session: a {@code ping}, or with {@code listTools} the first page of
     * {@code tools/list}; throws like {@link #request}.
     */
    public void probe(boolean listTools, Duration timeout) {
        if (listTools) {
            request("tools/list", null, timeout, c -> c.listTools(null));
        } else {
            request("ping", null, timeout, McpAsyncClient::ping);
        }
    }

    /** Requests in flight on the current session (calls and probes); 0 when not connected. */
    public int inFlight() {
        UpstreamSession s = session;
        return s == null ? 0 : s.inFlightCount();
    }

    /** Returns false when the failure is final. */
    private boolean recordFailure(SwitchboardException e, int failures) {
        book.failed(errorInfo(e));
        gate.warn(log, LogEvents.UPSTREAM_FAILED).addKeyValue("server", config.name())
                .addKeyValue("error_code", e.code().name())
                .addKeyValue("attempt", failures).addKeyValue("message", e.getMessage()).log();
        if (!e.code().retryable()) {
            update(ServerState.FAILED, e);
            settle(settled);
            return false;
        }
        return true;
    }

    private boolean waitBeforeRetry(Duration delay, boolean settle) {
        if (closed) {
            return false;
        }
        update(ServerState.RETRYING, null);
        if (settle) {
            settle(settled);
        } else {
            firstAttempt.complete(status());
        }
        gate.info(log, LogEvents.UPSTREAM_RETRYING).addKeyValue("server", config.name())
                .addKeyValue("delay_ms", delay.toMillis())
                .addKeyValue("attempt", book.attempts() + 1).log();
        try {
            sleeper.sleep(delay);
            return !closed;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private ErrorInfo errorInfo(SwitchboardException e) {
        return new ErrorInfo(e.code(), e.getMessage(), clock.instant());
    }

    private static Duration retryAfterOf(SwitchboardException e) {
        return e instanceof RetryLaterException r ? r.retryAfter() : null;
    }

    private void update(ServerState state, SwitchboardException finalError) {
        book.state(state, clock.instant());
        if (finalError != null) {
            book.failed(errorInfo(finalError));
        }
        readyLock.lock();
        try {
            readyChanged.signalAll();
        } finally {
            readyLock.unlock();
        }
        try {
            listener.onStatus(status());
        } catch (RuntimeException e) {
            gate.warn(log, LogEvents.UPSTREAM_LISTENER_FAILED).addKeyValue("server", config.name()).setCause(e)
                    .log();
        }
    }

    /**
     * Runs one request on the current session and waits for it, at most {@code timeout}.
     *
     * @param what the operation, for messages ("tools/call")
     * @param tool the tool concerned, or null
     */
    public <T> T request(String what, String tool, Duration timeout, Function<McpAsyncClient, Mono<T>> op) {
        return request(what, tool, new CallHandle(Deadline.of(timeout), null), op);
    }

    /**
     * Calls a tool on the current session and waits for its result until the handle's deadline; progress reports
     * for it reach the handle. See {@link #request(String, String, CallHandle, Function)} for what a failure leaves.
     */
    @Override
    public McpSchema.CallToolResult callTool(String tool, Map<String, Object> arguments, CallHandle handle) {
        var request = McpSchema.CallToolRequest.builder(tool).arguments(arguments);
        if (!handle.traceContext().isEmpty()) {
            request.meta(new HashMap<>(handle.traceContext())); // before the progress token, which joins it
        }
        String token = handle.wantsProgress() ? progress.open(handle) : null;
        try (var asked = connector.serverRequests().during(handle.handlers())) {
            if (token != null) {
                request.progressToken(token);
            }
            McpSchema.CallToolRequest built = request.build();
            return requestOn("tools/call", tool, handle, s -> s.transport != null
                    ? s.transport.request(McpSchema.METHOD_TOOLS_CALL, built, CALL_TOOL_RESULT)
                    : s.client.callTool(built));
        } finally {
            progress.close(token);
        }
    }

    /**
     * Runs one request on the current session and waits for it until the handle's deadline, its cancellation, or
     * an interrupt. A request given up on is cancelled on the server ({@code notifications/cancelled}) and released
     * in the SDK, so nothing of it stays behind.
     */
    public <T> T request(String what, String tool, CallHandle handle, Function<McpAsyncClient, Mono<T>> op) {
        return requestOn(what, tool, handle, s -> op.apply(s.client));
    }

    private <T> T requestOn(String what, String tool, CallHandle handle, Function<UpstreamSession, Mono<T>> op) {
        long number = sessionNumber;
        UpstreamSession s = session;
        handle.ranOnSession(number);
        if (closed) {
            throw new SwitchboardException(ErrorCode.SHUTTING_DOWN, config.name(), tool,
                    "server '" + config.name() + "' is closed", null);
        }
        if (s != null) {
            s.awaitCheck(ALIVE_CHECK_WAIT); // a check that the server is still there: go out only when it is
        }
        if (s == null || s.isLosing()) {
            throw unavailable(tool); // nothing was sent: the caller may safely try again once it is back
        }
        return new SessionRequest(s, connector.classifier(), config.name(), deadlines).run(what, tool, handle, op);
    }

    /** The capabilities of the current session's server, or null when there is no session. */
    public McpSchema.ServerCapabilities capabilities() {
        UpstreamSession s = session;
        return s == null ? null : s.init.capabilities();
    }

    /**
     * Subscribes to a resource, now when connected and again on every new session, until {@link #unsubscribe}.
     *
     * @throws SwitchboardException how the server refused it (then nothing is kept)
     */
    public void subscribe(String uri, Duration timeout) {
        if (standing.subscribe(uri) && isReady()) {
            try {
                request("resources/subscribe", null, timeout,
                        c -> c.subscribeResource(new McpSchema.SubscribeRequest(uri)));
            } catch (SwitchboardException e) {
                standing.unsubscribe(uri);
                throw e;
            }
        }
    }

    /** Ends a subscription: the server is told when connected, and a new session is not given it. */
    public void unsubscribe(String uri, Duration timeout) {
        if (standing.unsubscribe(uri) && isReady()) {
            request("resources/unsubscribe", null, timeout,
                    c -> c.unsubscribeResource(new McpSchema.UnsubscribeRequest(uri)));
        }
    }

    /** Sets the server's log level, now when connected and on every new session. */
    public void setLogLevel(McpSchema.LoggingLevel level, Duration timeout) {
        standing.logLevel(level);
        if (isReady()) {
            request("logging/setLevel", null, timeout, c -> c.setLoggingLevel(level));
        }
    }

    private StandingRequests.Sender renewal() {
        Duration timeout = config.options().requestTimeout();
        return new StandingRequests.Sender() {
            @Override
            public void setLevel(McpSchema.LoggingLevel level) {
                request("logging/setLevel", null, timeout, c -> c.setLoggingLevel(level));
            }

            @Override
            public void subscribe(String uri) {
                request("resources/subscribe", null, timeout,
                        c -> c.subscribeResource(new McpSchema.SubscribeRequest(uri)));
            }
        };
    }

    /** The current session, or null; for tests of this package, which look at what it holds. */
    UpstreamSession currentSession() {
        return session;
    }

    /** The number of the current (or last) session; each new session gets a higher one. */
    public long sessionNumber() {
        return sessionNumber;
    }

    /**
     * Waits until a session newer than number {@code after} is ready, at most {@code max}; returns at once when the
     * server failed for good, is disabled or closed. True when such a session is ready.
     */
    @Override
    public boolean awaitSessionAfter(long after, Duration max) throws InterruptedException {
        long nanos = max.toNanos();
        readyLock.lock();
        try {
            while (session == null || book.state() != ServerState.READY || sessionNumber <= after) {
                ServerState st = book.state();
                if (nanos <= 0 || closed || st == ServerState.FAILED || st == ServerState.DISABLED
                        || st == ServerState.CLOSED) {
                    return false;
                }
                nanos = readyChanged.awaitNanos(nanos);
            }
            return true;
        } finally {
            readyLock.unlock();
        }
    }

    private SwitchboardException unavailable(String tool) {
        StatusSnapshot st = status();
        String why = st.lastError() == null ? "" : "; last error: " + st.lastError().code() + ": "
                + st.lastError().message();
        String hint = switch (st.state()) {
            case DISABLED -> " (" + disabledBecause + ")";
            case FAILED -> " (it failed for good; fix the cause and reconnect)";
            default -> " (Switchboard keeps retrying in the background)";
        };
        return new SwitchboardException(ErrorCode.SERVER_UNAVAILABLE, config.name(), tool,
                "server '" + config.name() + "' is " + st.state() + hint + why, null);
    }

    /**
     * Closes the connection: the session's callers fail with SHUTTING_DOWN, the process (tree) is stopped, the
     * supervisor ends. Safe to call from several threads at once: one closes, the others wait (bounded) until it is
     * done.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            Waits.await(closeDone, CLOSE_WAIT.plus(CLOSE_WAIT));
            return;
        }
        try {
            closeOnce();
        } finally {
            closeDone.complete(null);
        }
    }

    private void closeOnce() {
        closed = true;
        UpstreamSession s = session;
        if (s != null) {
            s.lose(new SwitchboardException(ErrorCode.SHUTTING_DOWN, config.name(),
                    "server '" + config.name() + "' is closing"));
        }
        Thread t = supervisor;
        if (t != null) {
            // A live session's loss wakes the supervisor, which closes it; an interrupt is only needed to stop a
            // connect attempt or a backoff wait.
            if (s == null) {
                t.interrupt();
            }
            try {
                if (!t.join(CLOSE_WAIT)) {
                    gate.warn(log, LogEvents.UPSTREAM_CLOSE_TIMEOUT).addKeyValue("server", config.name())
                            .addKeyValue("timeout_ms", CLOSE_WAIT.toMillis()).log();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (s != null) {
            s.close(); // idempotent; makes sure the process is gone when close() returns, whoever closed first
        }
        DeadlineWatch d = deadlines;
        if (d != null) {
            d.stop();
        }
        if (book.state() != ServerState.CLOSED) {
            update(ServerState.CLOSED, null);
        }
        settle(settled);
        gate.info(log, LogEvents.UPSTREAM_CLOSED).addKeyValue("server", config.name()).log();
    }
}
