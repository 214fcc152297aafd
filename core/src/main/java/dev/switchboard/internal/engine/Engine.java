package dev.switchboard.internal.engine;

import dev.switchboard.BreakerState;
import dev.switchboard.CallAllOptions;
import dev.switchboard.CallOptions;
import dev.switchboard.CallStats;
import dev.switchboard.CatalogEntry;
import dev.switchboard.ErrorCode;
import dev.switchboard.GatherOptions;
import dev.switchboard.GatherResult;
import dev.switchboard.GatherStats;
import dev.switchboard.HealthState;
import dev.switchboard.NamedPrompt;
import dev.switchboard.Outcome;
import dev.switchboard.ReloadResult;
import dev.switchboard.Resolution;
import dev.switchboard.ResourceItem;
import dev.switchboard.ServerState;
import dev.switchboard.ServerStatus;
import dev.switchboard.SwitchboardEvent;
import dev.switchboard.SwitchboardException;
import dev.switchboard.SwitchboardListener;
import dev.switchboard.ToolCall;
import dev.switchboard.ToolResult;
import dev.switchboard.UserCredentials;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.CredentialsMode;
import dev.switchboard.config.Secrets;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.internal.call.CallBatch;
import dev.switchboard.internal.call.CallExecutor;
import dev.switchboard.internal.call.ServerGuard;
import dev.switchboard.internal.control.ConfigWatcher;
import dev.switchboard.internal.control.Fleet;
import dev.switchboard.internal.events.EventHub;
import dev.switchboard.internal.observe.LogEvents;
import dev.switchboard.internal.observe.LogGate;
import dev.switchboard.internal.observe.Masker;
import dev.switchboard.internal.tracing.Tracing;
import dev.switchboard.internal.status.ServerEvents;
import dev.switchboard.internal.status.StatusSnapshot;
import dev.switchboard.internal.upstream.Upstream;
import dev.switchboard.internal.users.UserSessions;
import dev.switchboard.internal.util.Suggestions;
import io.modelcontextprotocol.spec.McpSchema;
import io.opentelemetry.api.trace.Span;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running Switchboard behind the facade: the fleet of connections with their health monitors, the call
 * executor with every server's guard, the catalog, the resources view, the listeners, and the runtime controls.
 * Calls read one {@link Routing} snapshot; changes are made one at a time and swap in a new one.
 */
public final class Engine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Engine.class);

    private final Clock clock;
    /** The gate of the logging section in force: replaced by a reload. */
    private volatile LogGate logging;
    /**
     * What every part of this instance logs through: it follows the section in force, so a reload applies to the
     * connections it keeps too.
     */
    private final LogGate gate = level -> logging.allows(level);
    private final EventHub events;
    private final CallExecutor calls;
    private final Tracing tracing;
    private final ConnectSpans connecting;
    private final Fleet fleet;
    /** The sessions of calls made with users' credentials, one per (server, user). */
    private final UserSessions users;
    private final Path configFile;
    private final ConfigLoader loader;
    private final java.util.function.Predicate<dev.switchboard.config.ServerConfig> only;
    private final ReentrantLock control = new ReentrantLock();
    private final AtomicLong catalogVersion = new AtomicLong();
    private volatile Routing routing;
    /** The secrets of the configuration in force: replaced by a reload, so a rotated secret is forgotten. */
    private volatile Secrets secrets;
    private volatile boolean closed;
    private ConfigWatcher watcher;

    private Engine(EngineSettings s) {
        this.clock = s.clock();
        this.configFile = s.configFile();
        this.loader = s.loader();
        this.logging = gateOf(s.config());
        this.events = new EventHub(gate);
        this.only = s.only();
        s.listeners().forEach(events::add);
        this.secrets = s.config().allSecrets();
        this.calls = new CallExecutor(s.config(), clock, this::breakerChanged, events, gate);
        this.tracing = s.tracing();
        this.connecting = new ConnectSpans(tracing);
        calls.traceWith(tracing);
        if (s.meterRegistry() != null) {
            // Before the fleet publishes its servers: publishing binds each server's gauges.
            calls.bindTo((io.micrometer.core.instrument.MeterRegistry) s.meterRegistry());
        }
        var parts = new Fleet.Parts(clock, s.sleeper(), s.probes(), new Reports(), s.handlers(), this::masker,
                gate, s.tokenStore());
        this.fleet = new Fleet(s.config(), parts, this::publish);
        this.users = new UserSessions(s.userSessionsPerServer(), s.userSessionIdle(), new UserSessions.Parts(clock,
                s.sleeper(), s.handlers(), this::masker, gate, calls, s.tokenStore()));
    }

    /**
     * Starts every server and returns when each has settled.
     *
     * @throws SwitchboardException when {@code failOnRequired} and a required server is not ready (everything
     *     started is closed again first)
     */
    public static Engine start(EngineSettings settings) {
        Engine e = new Engine(settings);
        try {
            e.startServers(settings.failOnRequired(), settings.awaitOptionalServers());
        } catch (RuntimeException x) {
            e.close();
            throw x;
        }
        e.watchConfigFile(settings.config());
        return e;
    }

    private void startServers(boolean failOnRequired, boolean awaitOptional) {
        Routing r = routing;
        Duration timeout = r.config().orchestration().startupTimeout();
        gate.info(log, LogEvents.SWITCHBOARD_STARTING).addKeyValue("servers", r.routes().size()).log();
        boolean inTime;
        try {
            inTime = fleet.start(awaitOptional, timeout);
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
            throw new SwitchboardException(ErrorCode.CANCELLED, "start was interrupted");
        }
        List<ServerStatus> statuses = status();
        if (failOnRequired) {
            Startup.checkRequired(statuses, inTime ? null : timeout);
        }
        gate.info(log, LogEvents.SWITCHBOARD_STARTED)
                .addKeyValue("ready", statuses.stream().filter(ServerStatus::ready).count())
                .addKeyValue("servers", statuses.size()).log();
    }

    /** Builds and swaps in the routing of a new set of servers; guards of unchanged call policies are kept. */
    private void publish(SwitchboardConfig config, Map<String, Fleet.Member> members) {
        Routing before = routing;
        Map<String, Routing.Route> routes = new LinkedHashMap<>();
        members.forEach((name, m) -> {
            Routing.Route old = before == null ? null : before.routes().get(name);
            ServerGuard guard = calls.guard(name, m.upstream().config().options().calls(),
                    old == null ? null : old.guard());
            routes.put(name, new Routing.Route(m.upstream(), m.health(), guard));
        });
        routing = Routing.of(config, routes, before, gate);
        calls.servers(List.copyOf(routes.keySet()), this::breakerOf, this::healthOf);
    }

    public SwitchboardConfig config() {
        return routing.config();
    }

    public void addListener(SwitchboardListener listener) {
        events.add(listener);
    }

    public void removeListener(SwitchboardListener listener) {
        events.remove(listener);
    }

    /** The catalog's version: it grows with every change of any server's tools, resources or prompts. */
    public long catalogVersion() {
        return catalogVersion.get();
    }

    // ---- Status, tools and the catalog ----

    public List<ServerStatus> status() {
        return routing.routes().values().stream().<ServerStatus>map(Routing.Route::status).toList();
    }

    public ServerStatus status(String server) {
        return route(server, null).status();
    }

    public List<McpSchema.Tool> tools(String server) {
        Upstream u = route(server, null).upstream();
        return u.tools().stream().filter(t -> u.config().options().tools().allows(t.name())).toList();
    }

    public Map<String, List<McpSchema.Tool>> tools() {
        Map<String, List<McpSchema.Tool>> out = new LinkedHashMap<>();
        routing.routes().forEach((name, r) -> {
            if (r.upstream().isReady()) {
                out.put(name, tools(name));
            }
        });
        return out;
    }

    public List<CatalogEntry> catalog() {
        return open(null).catalog().entries();
    }

    public CatalogEntry resolveTool(String name) {
        Objects.requireNonNull(name, "name");
        return open(name).catalog().resolve(name);
    }

    // ---- Calls ----

    public ToolResult call(ToolCall call, CallOptions options) {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(options, "options");
        Routing r = open(call.tool());
        Routing.Route route = route(r, call.server(), call.tool());
        if (options.credentials() != null) {
            // The user's own session: its tools are the user's, not necessarily those of the shared catalog.
            return users.call(route.upstream().config(), call.tool(), call.arguments(), options);
        }
        if (route.upstream().config().options().credentials() == CredentialsMode.PER_USER) {
            throw new SwitchboardException(ErrorCode.INVALID_ARGUMENTS, route.name(), call.tool(), "server '"
                    + route.name() + "' has credentials: per_user, so it has no shared connection: call it for a"
                    + " user, with CallOptions.withCredentials", null);
        }
        r.catalog().checkCall(route.name(), call.tool(), call.arguments());
        return calls.call(route.upstream(), route.guard(), call.tool(), call.arguments(), options);
    }

    public List<McpSchema.Tool> tools(String server, UserCredentials credentials) {
        return users.tools(route(server, null).upstream().config(), credentials);
    }

    /** The sessions of calls made with users' credentials; for tests that look below the public API. */
    public UserSessions userSessions() {
        return users;
    }

    public List<Outcome> callAll(List<ToolCall> toolCalls, CallAllOptions options) {
        Objects.requireNonNull(toolCalls, "toolCalls");
        Objects.requireNonNull(options, "options");
        return CallBatch.run(toolCalls, options, this::call, gate);
    }

    public io.opentelemetry.api.OpenTelemetry openTelemetry() {
        return tracing.openTelemetry();
    }

    public List<CallStats> stats() {
        return calls.stats(this::breakerOf);
    }

    // ---- Resources and prompts ----

    public GatherResult gather(GatherOptions options) {
        Span span = tracing.startGather();
        ErrorCode code = ErrorCode.INTERNAL;
        try (var ignored = span.makeCurrent()) {
            GatherResult result = open(null).resources().gather(options);
            span.setAttribute("switchboard.servers", result.servers().size());
            span.setAttribute("switchboard.failed_servers", result.failures().size()); // best effort: no error
            code = null;
            return result;
        } catch (SwitchboardException e) {
            code = e.code();
            throw e;
        } finally {
            Tracing.end(span, code);
        }
    }

    /** The configuration of a server in force, or null for one it does not know (yet). */
    private dev.switchboard.config.ServerConfig configOf(String server) {
        Routing r = routing;
        Routing.Route route = r == null ? null : r.routes().get(server);
        return route == null ? null : route.upstream().config();
    }

    public Resolution resolve(String entity, String domain) {
        return open(null).resources().resolve(entity, domain);
    }

    public ResourceItem readResource(String uriOrQualified) {
        return open(null).resources().read(uriOrQualified);
    }

    public McpSchema.ReadResourceResult readResourceFrom(String server, String uri) {
        Objects.requireNonNull(uri, "uri");
        Routing.Route route = route(server, null);
        return open(null).resources().readExact(route.upstream(), uri);
    }

    public dev.switchboard.ServerSession session(String server) {
        return new ForwardingSession(route(server, null).upstream());
    }

    public Map<String, List<McpSchema.Resource>> resources() {
        return open(null).resources().listed();
    }

    public Map<String, List<McpSchema.ResourceTemplate>> resourceTemplates() {
        return open(null).resources().templates();
    }

    public List<NamedPrompt> prompts() {
        return open(null).resources().prompts();
    }

    public McpSchema.GetPromptResult getPrompt(String name, Map<String, ?> arguments) {
        return open(null).resources().prompt(name, arguments == null ? null : new LinkedHashMap<>(arguments));
    }

    public GatherStats gatherStats() {
        return routing.resources().stats();
    }

    // ---- Health and runtime control ----

    public List<ServerStatus> checkHealth() {
        Routing r = open(null);
        List<Future<ServerStatus>> all;
        try (var exec = Executors.newVirtualThreadPerTaskExecutor()) {
            all = r.routes().values().stream().map(route -> exec.<ServerStatus>submit(() -> {
                route.health().probe();
                return route.status();
            })).toList();
        }
        return all.stream().map(Future::resultNow).toList();
    }

    public ServerStatus enable(String server) {
        return control(server, name -> fleet.setEnabled(name, true, drainTimeout()));
    }

    public ServerStatus disable(String server) {
        return control(server, name -> fleet.setEnabled(name, false, drainTimeout()));
    }

    public ServerStatus reconnect(String server) {
        return control(server, name -> fleet.reconnect(name, drainTimeout()));
    }

    public ReloadResult reload(SwitchboardConfig full) {
        SwitchboardConfig newConfig = EngineSettings.ownPart(Objects.requireNonNull(full, "newConfig"), only);
        control.lock();
        try {
            open(null);
            secrets = newConfig.allSecrets();
            logging = gateOf(newConfig);

            ReloadResult result = fleet.reload(newConfig, drainTimeout());
            events.publish(new SwitchboardEvent.ConfigReloaded(result, clock.instant()));
            return result;
        } finally {
            control.unlock();
        }
    }

    public ReloadResult reload() {
        if (configFile == null) {
            throw new SwitchboardException(ErrorCode.CONFIG_INVALID, null, null, "there is no file to reload:"
                    + " Switchboard was started from a configuration in memory (use Builder.configFile)", null);
        }
        return reload(loader.load(configFile));
    }

    /** See {@code Switchboard.shutdown}; the last events are delivered before the listeners' threads end. */
    public void shutdown(Duration drain) {
        Objects.requireNonNull(drain, "drain");
        control.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            gate.info(log, LogEvents.SWITCHBOARD_SHUTTING_DOWN).addKeyValue("drain_ms", drain.toMillis()).log();
            if (watcher != null) {
                watcher.close();
            }
            // Calls for users drain alongside the shared ones, under the same limit.
            Thread userDrain = Thread.ofVirtual().name("switchboard-user-sessions-drain")
                    .start(() -> users.close(drain));
            fleet.shutdown(drain);
            try {
                userDrain.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                users.close(); // forced: whatever is left is closed now
            }
            connecting.close();
            events.close();
            gate.info(log, LogEvents.SWITCHBOARD_CLOSED).log();
        } finally {
            control.unlock();
        }
    }

    @Override
    public void close() {
        shutdown(drainTimeout());
    }

    private Duration drainTimeout() {
        return routing.config().orchestration().drainTimeout();
    }

    private ServerStatus control(String server, Consumer<String> op) {
        control.lock();
        try {
            String name = route(server, null).name();
            op.accept(name);
            return routing.routes().get(name).status();
        } finally {
            control.unlock();
        }
    }

    private void watchConfigFile(SwitchboardConfig config) {
        if (configFile == null || !config.orchestration().watchConfig()) {
            return;
        }
        try {
            watcher = ConfigWatcher.start(configFile, gate, () -> {
                if (!closed) {
                    reload();
                }
            });
        } catch (IOException e) {
            gate.warn(log, LogEvents.CONFIG_WATCH_FAILED).addKeyValue("file", configFile.toString())
                    .addKeyValue("message", e.getMessage()).log();
        }
    }

    // ---- Lookups ----

    private Routing open(String tool) {
        if (closed) {
            throw new SwitchboardException(ErrorCode.SHUTTING_DOWN, null, tool, "Switchboard is closed", null);
        }
        return routing;
    }

    private Routing.Route route(String server, String tool) {
        return route(open(tool), server, tool);
    }

    private static Routing.Route route(Routing r, String server, String tool) {
        Objects.requireNonNull(server, "server");
        Routing.Route route = r.find(server);
        if (route == null) {
            List<String> known = List.copyOf(r.routes().keySet());
            List<String> close = Suggestions.closest(server, known, 3);
            throw new SwitchboardException(ErrorCode.UNKNOWN_SERVER, server, tool, "no server is named '" + server
                    + "'" + (close.isEmpty() ? "" : "; did you mean " + String.join(", ", close) + "?")
                    + " (known: " + String.join(", ", known) + ")", null);
        }
        return route;
    }

    private HealthState healthOf(String server) {
        Routing.Route r = routing.routes().get(server);
        return r == null ? HealthState.UNKNOWN : r.health().status().health().state();
    }

    private BreakerState breakerOf(String server) {
        Routing.Route r = routing.routes().get(server);
        return r == null ? BreakerState.CLOSED : r.guard().state();
    }

    // ---- Events ----

    private void breakerChanged(String server, BreakerState from, BreakerState to, Instant at) {
        events.publish(new SwitchboardEvent.BreakerChanged(server, from, to, at));
    }

    /** Turns what connections and monitors report into public events, with each server's breaker filled in. */
    private final class Reports implements ServerEvents {
        @Override
        public void stateChanged(StatusSnapshot status, ServerState previous) {
            connecting.changed(status, Engine.this::configOf);
            if (status.state() == ServerState.READY) {
                Routing r = routing;
                Routing.Route route = r == null ? null : r.routes().get(status.name());
                if (route != null) {
                    route.guard().startAfresh(); // a new session: the old one's failures say nothing about it
                }
            }
            if (events.active()) {
                events.publish(new SwitchboardEvent.ServerStateChanged(withBreaker(status), previous, clock.instant()));
            }
        }

        @Override
        public void healthChanged(StatusSnapshot status, HealthState previous) {
            if (events.active()) {
                events.publish(new SwitchboardEvent.HealthChanged(withBreaker(status), previous, clock.instant()));
            }
        }

        @Override
        public void catalogChanged(String server, Set<SwitchboardEvent.CatalogPart> parts) {
            long version = catalogVersion.incrementAndGet();
            if (events.active()) {
                events.publish(new SwitchboardEvent.CatalogChanged(server, version, parts, clock.instant()));
            }
        }

        @Override
        public void resourceUpdated(String server, String uri) {
            if (events.active()) {
                events.publish(new SwitchboardEvent.ResourceUpdated(server, uri, clock.instant()));
            }
        }

        @Override
        public void serverLogged(String server, McpSchema.LoggingMessageNotification message) {
            if (events.active()) {
                events.publish(new SwitchboardEvent.ServerLogged(server, message, clock.instant()));
            }
        }

        private StatusSnapshot withBreaker(StatusSnapshot status) {
            Routing r = routing;
            Routing.Route route = r == null ? null : r.routes().get(status.name());
            // A connection being replaced reports with its successor's guard: the breaker belongs to the server.
            return route == null ? status : status.withBreaker(route.guard().state(), route.guard().changedAt());
        }
    }

    /**
     * The masking of a new connection: the secrets of the configuration it is started from, and of the one in force
     * whenever it speaks. A connection replaced by a reload still masks its old secrets while it closes; its
     * successor no longer knows a rotated one.
     */
    private Masker masker() {
        Secrets born = secrets;
        return text -> secrets.mask(born.mask(text));
    }

    private static LogGate gateOf(SwitchboardConfig config) {
        return LogGate.of(config.logging().enabled(), config.logging().level());
    }

    /** A server's connection, by configured name; for tests that look below the public API. */
    public Upstream upstream(String server) {
        return routing.routes().get(server).upstream();
    }
}
