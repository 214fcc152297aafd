package dev.switchboard;

import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.Orchestration;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.internal.call.CallBatch;
import dev.switchboard.internal.call.CallExecutor;
import dev.switchboard.internal.catalog.Catalog;
import dev.switchboard.internal.control.ConfigWatcher;
import dev.switchboard.internal.control.Fleet;
import dev.switchboard.internal.resources.Resources;
import dev.switchboard.internal.upstream.Upstream;
import dev.switchboard.internal.util.Suggestions;
import dev.switchboard.spi.ProbeScheduler;
import dev.switchboard.spi.Sleeper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switchboard: one object that owns the connections to every configured MCP server.
 *
 * <p>{@link #start} connects to every enabled server in parallel and returns once each has connected, failed for
 * good, or used up its startup attempts; a {@code required} server that did not connect fails the start with one
 * error naming every such server. Optional servers that failed keep being retried in the background. All methods
 * are blocking and safe to call from many (virtual) threads at once. {@link #close} releases every process,
 * thread and socket.
 *
 * {@snippet :
 * try (Switchboard sb = Switchboard.start(ConfigLoader.create().load(Path.of("switchboard.yaml")))) {
 *     ToolResult r = sb.call("github", "search_issues", Map.of("q", "is:open"));
 *     System.out.println(r.text());
 * }
 * }
 */
public final class Switchboard implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Switchboard.class);

    // Replaced together (by publish) when servers are enabled, disabled, reconnected or the configuration reloaded.
    private volatile SwitchboardConfig config;
    private volatile Map<String, Upstream> upstreams;
    private volatile Map<String, String> aliases;
    private volatile Catalog catalog;
    private volatile Resources resources;
    private final CallExecutor calls;
    private volatile boolean closed;
    private final Fleet fleet;
    private final Path configFile;
    private final ConfigLoader loader;
    private final ReentrantLock control = new ReentrantLock();
    private ConfigWatcher watcher;

    private Switchboard(Fleet fleet, Path configFile, ConfigLoader loader, CallExecutor calls) {
        this.fleet = fleet;
        this.calls = calls;
        this.configFile = configFile;
        this.loader = loader;
        publish(fleet.config(), fleet.upstreams());
        fleet.onPublish(this::publish);
    }

    private void publish(SwitchboardConfig newConfig, Map<String, Upstream> newUpstreams) {
        Map<String, String> newAliases = new LinkedHashMap<>();
        for (ServerConfig s : newConfig.servers()) {
            s.options().aliases().forEach(a -> newAliases.put(a, s.name()));
        }
        // Guards and the catalog around the swap: a call that finds a new server before its catalog is in place is
        // checked by the server itself.
        calls.update(newConfig);
        this.upstreams = newUpstreams;
        this.aliases = newAliases;
        this.config = newConfig;
        this.catalog = new Catalog(List.copyOf(newUpstreams.values()), newConfig.orchestration());
        List<Upstream> servers = List.copyOf(newUpstreams.values());
        Orchestration o = newConfig.orchestration();
        this.resources = resources == null
                ? new Resources(servers, newAliases, o.resources(), o.nameSeparator())
                : resources.over(servers, newAliases, o.resources(), o.nameSeparator());
    }

    /** Connects to every enabled server of the configuration; see the class description. */
    public static Switchboard start(SwitchboardConfig config) {
        return builder(config).start();
    }

    public static Builder builder(SwitchboardConfig config) {
        return new Builder(config);
    }

    /** Options for {@link Switchboard#start}. */
    public static final class Builder {
        private final SwitchboardConfig config;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private Consumer<ServerStatus> listener = s -> { };
        private boolean failOnRequired = true;
        private ProbeScheduler probes = ProbeScheduler.virtualThreads();
        private Path configFile;
        private ConfigLoader configLoader;
        private io.micrometer.core.instrument.MeterRegistry meterRegistry;
        private ClientHandlers handlers = ClientHandlers.NONE;

        private Builder(SwitchboardConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /**
         * Called on every change of a server's connection state and of its health state (the status carries both),
         * from Switchboard's threads; keep it quick.
         */
        public Builder listener(Consumer<ServerStatus> listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Whether {@link #start()} throws when a required server could not be connected (the default). Tools that
         * report on every server, such as {@code switchboard check}, turn it off and read {@link #status()}.
         */
        public Builder failOnRequiredServers(boolean fail) {
            this.failOnRequired = fail;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How waits between connection attempts are made; tests pass one that does not really wait. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * Publishes call numbers to this Micrometer registry ({@code switchboard.calls}, ...). Micrometer is an
         * optional dependency: only an application that calls this needs it on its class path.
         */
        @SuppressWarnings("exports") // Micrometer is optional, so the module does not require it transitively
        public Builder meterRegistry(io.micrometer.core.instrument.MeterRegistry registry) {
            this.meterRegistry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** How servers' requests to the client (sampling, elicitation, roots) are answered; see {@link ClientHandlers}. */
        public Builder handlers(ClientHandlers handlers) {
            this.handlers = Objects.requireNonNull(handlers, "handlers");
            return this;
        }

        /** When health probes run; tests pass one that runs them on demand. */
        public Builder probeScheduler(ProbeScheduler scheduler) {
            this.probes = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * The file the configuration was loaded from, with the loader that read it (its overrides): {@link #reload()}
         * reads it again, and {@code orchestration.watch_config} watches it.
         */
        public Builder configFile(Path file, ConfigLoader loader) {
            this.configFile = Objects.requireNonNull(file, "file");
            this.configLoader = Objects.requireNonNull(loader, "loader");
            return this;
        }

        /** The file the configuration was loaded from with {@link ConfigLoader#create()}. */
        public Builder configFile(Path file) {
            return configFile(file, ConfigLoader.create());
        }

        public Switchboard start() {
            Startup.rememberSecrets(config);
            var executorRef = new java.util.concurrent.atomic.AtomicReference<CallExecutor>();
            var fleetRef = new java.util.concurrent.atomic.AtomicReference<Fleet>();
            CallExecutor executor = new CallExecutor(config, clock,
                    name -> notifyBreaker(fleetRef.get(), name, executorRef.get()));
            executorRef.set(executor);
            if (meterRegistry != null) {
                executor.bindTo(meterRegistry);
            }
            Fleet fleet = new Fleet(config, clock, sleeper, probes, listener, handlers);
            fleetRef.set(fleet);
            Switchboard sb = new Switchboard(fleet, configFile, configLoader, executor);
            sb.connectAll(failOnRequired);
            sb.watchConfigFile();
            return sb;
        }

        private void notifyBreaker(Fleet fleet, String server, CallExecutor executor) {
            Upstream u = fleet == null ? null : fleet.upstreams().get(server);
            if (u == null) {
                return;
            }
            try {
                listener.accept(withBreaker(fleet.status(u), executor));
            } catch (RuntimeException e) {
                log.warn("status listener failed", e);
            }
        }

    }

    private void connectAll(boolean failOnRequired) {
        try {
            Startup.connectAll(List.copyOf(upstreams.values()), failOnRequired);
        } catch (SwitchboardException e) {
            close();
            throw e;
        }
    }

    public SwitchboardConfig config() {
        return config;
    }

    /** A snapshot of every configured server, in configuration order. */
    public List<ServerStatus> status() {
        return upstreams.values().stream().map(u -> withBreaker(fleet.status(u), calls)).toList();
    }

    /** A snapshot of one server, by name or alias. */
    public ServerStatus status(String server) {
        return withBreaker(fleet.status(upstream(server, null)), calls);
    }

    /** The tools of one server (by name or alias) that its filter lets through; empty while it is not connected. */
    public List<McpSchema.Tool> tools(String server) {
        Upstream u = upstream(server, null);
        return u.tools().stream().filter(t -> u.config().options().tools().allows(t.name())).toList();
    }

    /** The tools of every connected server, by server name, in configuration order. */
    public Map<String, List<McpSchema.Tool>> tools() {
        Map<String, List<McpSchema.Tool>> out = new LinkedHashMap<>();
        upstreams.forEach((name, u) -> {
            if (u.isReady()) {
                out.put(name, tools(name));
            }
        });
        return out;
    }

    /** Calls a tool of a server with the server's default request timeout. */
    public ToolResult call(String server, String tool, Map<String, Object> arguments) {
        return call(ToolCall.of(server, tool, arguments), CallOptions.DEFAULT);
    }

    /**
     * Calls a tool of a server (by name or alias) and waits for its result, at most {@code timeout}.
     *
     * @throws SwitchboardException UNKNOWN_SERVER, UNKNOWN_TOOL, SERVER_UNAVAILABLE, TIMEOUT, PROCESS_EXITED,
     *     RPC_ERROR ... ; a tool that reports an error returns a result with {@link ToolResult#isError()}
     */
    public ToolResult call(String server, String tool, Map<String, Object> arguments, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        return call(ToolCall.of(server, tool, arguments), CallOptions.DEFAULT.withTimeout(timeout));
    }

    private Upstream upstream(String server, String tool) {
        if (closed) {
            throw new SwitchboardException(ErrorCode.SHUTTING_DOWN, server, tool, "Switchboard is closed", null);
        }
        Objects.requireNonNull(server, "server");
        Upstream u = upstreams.get(server);
        if (u == null && aliases.containsKey(server)) {
            u = upstreams.get(aliases.get(server));
        }
        if (u == null) {
            List<String> known = new ArrayList<>(upstreams.keySet());
            List<String> close = Suggestions.closest(server, known, 3);
            throw new SwitchboardException(ErrorCode.UNKNOWN_SERVER, server, tool, "no server is named '" + server
                    + "'" + (close.isEmpty() ? "" : "; did you mean " + String.join(", ", close) + "?")
                    + " (known: " + String.join(", ", known) + ")", null);
        }
        return u;
    }

    /**
     * Shuts down gracefully with {@code orchestration.drain_timeout} (see {@link #shutdown}): processes are stopped
     * (and their process trees), sockets closed, threads ended.
     */
    @Override
    public void close() {
        shutdown(config.orchestration().drainTimeout());
    }

    // ---- Catalog: one merged list of every server's tools, and calls by tool name ----

    /**
     * Every tool of every server in one list, in priority then configuration order, each with a qualified name
     * ({@code <server>__<tool>}) that is unique and valid for MCP clients. Tools hidden by a server's
     * {@code tools:} filter are left out; the last known tools of a server that is down are listed as unavailable.
     */
    public List<CatalogEntry> catalog() {
        checkOpen(null);
        return catalog.entries();
    }

    /**
     * The catalog entry a tool name means: a qualified name ({@code github__search}), a bare tool name (the
     * highest-priority server offering it; ties by configuration order), or a qualified name with a server alias.
     *
     * @throws SwitchboardException UNKNOWN_TOOL with the closest names, or UNKNOWN_SERVER listing the known servers
     */
    public CatalogEntry resolveTool(String name) {
        Objects.requireNonNull(name, "name");
        checkOpen(name);
        return catalog.resolve(name);
    }

    /** Calls a tool by qualified or bare name (see {@link #resolveTool}) with its server's default timeout. */
    public ToolResult callTool(String name, Map<String, Object> arguments) {
        CatalogEntry entry = resolveTool(name);
        return call(entry.server(), entry.tool(), arguments);
    }

    /**
     * Calls a tool by qualified or bare name (see {@link #resolveTool}) and waits at most {@code timeout}. The
     * arguments are checked against the tool's input schema first, unless {@code orchestration.validate_arguments}
     * is off.
     *
     * @throws SwitchboardException UNKNOWN_TOOL, UNKNOWN_SERVER, INVALID_ARGUMENTS, and whatever
     *     {@link #call(String, String, Map, Duration)} throws
     */
    public ToolResult callTool(String name, Map<String, Object> arguments, Duration timeout) {
        CatalogEntry entry = resolveTool(name);
        return call(entry.server(), entry.tool(), arguments, timeout);
    }

    private void checkOpen(String tool) {
        if (closed) {
            throw new SwitchboardException(ErrorCode.SHUTTING_DOWN, null, tool, "Switchboard is closed", null);
        }
    }

    // ---- Resources, resource templates and prompts across servers (dev.switchboard.internal.resources) ----

    private Resources resources() {
        if (closed) {
            throw new SwitchboardException(ErrorCode.SHUTTING_DOWN, "Switchboard is closed");
        }
        return resources;
    }

    /**
     * Gathers every resource of every enabled server, read fresh (nothing is cached): per server, by priority, its
     * resources with their contents within the configured limits. Servers are asked in parallel, each under its own
     * timeout and all under one deadline.
     *
     * @throws SwitchboardException under fail-fast, when any server failed: one error naming every failed server
     */
    public GatherResult gatherResources(GatherOptions options) {
        return resources().gather(options);
    }

    /** {@link #gatherResources(GatherOptions)} with the configured policy and timeouts. */
    public GatherResult gatherResources() {
        return gatherResources(GatherOptions.defaults());
    }

    /**
     * Finds which server is the authority for {@code entity} among the servers that serve {@code domain} (all
     * servers when null): the best match by exact name, then case-insensitive, then fuzzy, then server priority.
     * Asks the servers fresh every time; several servers having the entity is logged as {@code resolve.conflict}.
     */
    public Resolution resolve(String entity, String domain) {
        return resources().resolve(entity, domain);
    }

    /** {@link #resolve(String, String)} among all servers. */
    public Resolution resolve(String entity) {
        return resolve(entity, null);
    }

    /**
     * Reads one resource, from the server that lists it (or has a template matching it); {@code <server>+<uri>}
     * reads it from that server, which is needed when several servers offer the URI.
     *
     * @throws SwitchboardException UNKNOWN_RESOURCE, AMBIGUOUS_RESOURCE, or the server's failure
     */
    public ResourceItem readResource(String uriOrQualified) {
        return resources().read(uriOrQualified);
    }

    /** Every server's resource templates, by server name in priority order, listed fresh. */
    public Map<String, List<McpSchema.ResourceTemplate>> resourceTemplates() {
        return resources().templates();
    }

    /** Every server's prompts, listed fresh, under the names {@link #getPrompt} takes (see {@link NamedPrompt}). */
    public List<NamedPrompt> prompts() {
        return resources().prompts();
    }

    /**
     * Gets a prompt by its offered name, {@code <server>__<name>}, or its own name when only one server has it.
     *
     * @throws SwitchboardException UNKNOWN_PROMPT, AMBIGUOUS_RESOURCE, or the server's failure
     */
    public McpSchema.GetPromptResult getPrompt(String name, Map<String, Object> arguments) {
        return resources().prompt(name, arguments);
    }

    /** Running totals of {@link #gatherResources} calls. */
    public GatherStats gatherStats() {
        return resources.stats();
    }

    // ---- Health and runtime control: probe, enable, disable, reconnect, reload, shut down ----

    /**
     * Probes every connected server now (in parallel, each with its {@code health.timeout}) and returns every
     * server's status with fresh health; servers that are not connected report their connection's verdict.
     */
    public List<ServerStatus> checkHealth() {
        checkOpen(null);
        List<java.util.concurrent.Future<ServerStatus>> all;
        try (var exec = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            all = upstreams.values().stream().map(u -> exec.submit(() -> fleet.probe(u))).toList();
        }
        return all.stream().map(java.util.concurrent.Future::resultNow).toList();
    }

    /** Enables a server (by name or alias) at runtime and connects it; remembered in the state file. */
    public ServerStatus enable(String server) {
        return control(server, u -> fleet.setEnabled(u.name(), true, drainTimeout()));
    }

    /**
     * Disables a server (by name or alias) at runtime: calls in flight on it may finish (up to the drain timeout),
     * then it is closed; remembered in the state file, so it stays disabled across restarts until enabled.
     */
    public ServerStatus disable(String server) {
        return control(server, u -> fleet.setEnabled(u.name(), false, drainTimeout()));
    }

    /** Closes a server's connection and connects it again from scratch; the way back for a FAILED server. */
    public ServerStatus reconnect(String server) {
        return control(server, u -> fleet.reconnect(u.name(), drainTimeout()));
    }

    /**
     * Applies a new configuration: added servers connect, removed ones close, changed ones (whose settings differ
     * in any way) are closed, then connected again, and untouched ones keep their sessions. Returns once the added
     * and changed servers have settled, as {@link #start} does.
     */
    public ReloadResult reload(SwitchboardConfig newConfig) {
        Objects.requireNonNull(newConfig, "newConfig");
        control.lock();
        try {
            checkOpen(null);
            Startup.rememberSecrets(newConfig);
            return fleet.reload(newConfig, drainTimeout());
        } finally {
            control.unlock();
        }
    }

    /**
     * Reads the configuration file again (see {@link Builder#configFile}) and applies it as {@link #reload(
     * SwitchboardConfig)} does. An invalid file is rejected whole and the running configuration stays.
     *
     * @throws dev.switchboard.config.ConfigException when the file is invalid
     * @throws SwitchboardException CONFIG_INVALID when Switchboard was not started from a file
     */
    public ReloadResult reload() {
        if (configFile == null) {
            throw new SwitchboardException(ErrorCode.CONFIG_INVALID, null, null, "there is no file to reload:"
                    + " Switchboard was started from a configuration in memory (use Builder.configFile)", null);
        }
        return reload(loader.load(configFile));
    }

    /**
     * Shuts down: new calls fail with SHUTTING_DOWN at once, calls in flight may finish for up to {@code drain},
     * then the rest fail with SHUTTING_DOWN and every connection is closed. {@code Duration.ZERO} forces it.
     * Afterwards no thread, process or socket of Switchboard remains.
     */
    public void shutdown(Duration drain) {
        Objects.requireNonNull(drain, "drain");
        control.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            log.atInfo().setMessage("switchboard.shutting_down").addKeyValue("drain_ms", drain.toMillis()).log();
            if (watcher != null) {
                watcher.close();
            }
            fleet.shutdown(drain);
            log.atInfo().setMessage("switchboard.closed").log();
        } finally {
            control.unlock();
        }
    }

    private Duration drainTimeout() {
        return config.orchestration().drainTimeout();
    }

    private ServerStatus control(String server, java.util.function.Function<Upstream, ServerStatus> op) {
        control.lock();
        try {
            return op.apply(upstream(server, null));
        } finally {
            control.unlock();
        }
    }

    private void watchConfigFile() {
        if (configFile == null || !config.orchestration().watchConfig()) {
            return;
        }
        try {
            watcher = ConfigWatcher.start(configFile, () -> {
                if (!closed) {
                    reload();
                }
            });
        } catch (IOException e) {
            log.atWarn().setMessage("config.watch_failed").addKeyValue("file", configFile.toString())
                    .addKeyValue("message", e.getMessage()).log();
        }
    }

    // ---- Calls: one call with options, parallel calls, numbers ----

    /** Calls a tool with the server's default timeout; see {@link #call(ToolCall, CallOptions)}. */
    public ToolResult call(ToolCall call) {
        return call(call, CallOptions.DEFAULT);
    }

    /**
     * Calls a tool and waits for its result. The call ends at its deadline ({@code options.timeout()}, else the
     * server's {@code request_timeout}; progress reports may extend it up to {@code calls.max_total}), when its
     * cancellation token is cancelled, or when the calling thread is interrupted; a call that ends so is cancelled
     * on the server too. A call is retried only when it certainly did not reach the server, or the tool declares
     * itself read-only or idempotent.
     *
     * @throws SwitchboardException UNKNOWN_SERVER, UNKNOWN_TOOL, SERVER_UNAVAILABLE, TIMEOUT, CANCELLED,
     *     CIRCUIT_OPEN, OVERLOADED, PROCESS_EXITED, RPC_ERROR ...; a tool that reports an error returns a result
     *     with {@link ToolResult#isError()}
     */
    public ToolResult call(ToolCall call, CallOptions options) {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(options, "options");
        Upstream u = upstream(call.server(), call.tool());
        catalog.checkCall(u.name(), call.tool(), call.arguments());
        return calls.call(u, call.tool(), call.arguments(), options);
    }

    /** Runs calls in parallel with the default options (10 at once, collect every outcome). */
    public List<Outcome> callAll(List<ToolCall> toolCalls) {
        return callAll(toolCalls, CallAllOptions.DEFAULT);
    }

    /**
     * Runs calls in parallel, at most {@code options.maxConcurrency()} at once; calls to different servers run
     * truly in parallel and calls to one server share its session. Returns one outcome per call, in input order.
     *
     * @throws SwitchboardException with {@link CallAllOptions.Policy#FAIL_FAST}, the first failure, naming the call
     */
    public List<Outcome> callAll(List<ToolCall> toolCalls, CallAllOptions options) {
        Objects.requireNonNull(toolCalls, "toolCalls");
        Objects.requireNonNull(options, "options");
        return CallBatch.run(toolCalls, options, this::call);
    }

    /** Call numbers per server (tool null) and per tool: calls, errors by code, latency, in flight, breaker. */
    public List<CallStats> stats() {
        return calls.stats();
    }

    private static ServerStatus withBreaker(ServerStatus status, CallExecutor executor) {
        return executor == null ? status : status.withBreaker(executor.breakerState(status.name()),
                executor.breakerChangedAt(status.name()));
    }
}
