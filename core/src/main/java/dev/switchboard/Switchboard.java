package dev.switchboard;

import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.internal.auth.TokenStore;
import dev.switchboard.internal.engine.Engine;
import dev.switchboard.internal.engine.EngineSettings;
import dev.switchboard.internal.tracing.Tracing;
import dev.switchboard.spi.ProbeScheduler;
import dev.switchboard.spi.Sleeper;
import io.modelcontextprotocol.spec.McpSchema;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Switchboard: one object that owns the connections to every configured MCP server.
 *
 * <p>{@link #start} connects to every enabled server in parallel and returns once every required server has
 * connected, failed for good, or used up its startup attempts, and every optional server has made its first attempt
 * (at most {@code orchestration.startup_timeout}); a {@code required} server that did not connect fails the start
 * with one error naming every such server. Optional servers that failed keep being retried in the background. All
 * methods are blocking and safe to call from many (virtual) threads at once. What changes is told to
 * {@link SwitchboardListener}s. {@link #close} releases every process, thread and socket.
 *
 * {@snippet :
 * try (Switchboard sb = Switchboard.start(ConfigLoader.create().load(Path.of("switchboard.yaml")))) {
 *     ToolResult r = sb.call("github", "search_issues", Map.of("q", "is:open"));
 *     System.out.println(r.text());
 * }
 * }
 */
public final class Switchboard implements AutoCloseable {
    private final Engine engine;

    private Switchboard(Engine engine) {
        this.engine = engine;
    }

    /** Connects to every enabled server of the configuration; see the class description. */
    public static Switchboard start(SwitchboardConfig config) {
        return builder(config).start();
    }

    /** Options for starting a Switchboard on {@code config}. */
    public static Builder builder(SwitchboardConfig config) {
        return new Builder(config);
    }

    /** Options for {@link Switchboard#start}. */
    public static final class Builder {
        private final SwitchboardConfig config;
        private final List<SwitchboardListener> listeners = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private boolean failOnRequired = true;
        private boolean awaitOptional;
        private ProbeScheduler probes = ProbeScheduler.virtualThreads();
        private Path configFile;
        private ConfigLoader configLoader;
        private Object meterRegistry;
        private ClientHandlers handlers = ClientHandlers.NONE;
        private Path tokenDirectory;
        private OpenTelemetry openTelemetry;
        private java.util.function.Predicate<ServerConfig> only = s -> true;
        private int userSessionsPerServer = 32;
        private Duration userSessionIdle = Duration.ofMinutes(5);

        private Builder(SwitchboardConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** Hears every event from the start on (see {@link SwitchboardListener}); may be called several times. */
        public Builder listener(SwitchboardListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
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

        /**
         * Whether {@link #start()} also waits for optional servers to settle: to connect, fail for good, or use up
         * their startup attempts ({@code retry.attempts}), as {@code switchboard check} does. By default it waits
         * for their first attempt only, and optional servers that failed keep retrying in the background (the
         * catalog grows when they arrive). Either way the wait ends at {@code orchestration.startup_timeout}.
         */
        public Builder awaitOptionalServers(boolean await) {
            this.awaitOptional = await;
            return this;
        }

        /** The clock of backoffs, breakers, health and timestamps; tests pass one they move by hand. */
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
            Objects.requireNonNull(handlers, "handlers");
            AuthorizationHandler earlier = this.handlers.authorization();
            this.handlers = handlers.authorization() == null && earlier != null ? handlers.withAuthorization(earlier)
                    : handlers;
            return this;
        }

        /**
         * Keeps the OAuth tokens of servers with {@code auth:} in {@code directory}, one file per server encrypted
         * with AES-256-GCM, so that the next start refreshes them instead of asking a person again. The key is the
         * environment variable {@code SWITCHBOARD_TOKEN_KEY} (32 bytes, base64) when set, else {@code token.key} in
         * the directory, made on first use and readable by its owner only. Without this, tokens live in memory.
         */
        public Builder tokenStore(Path directory) {
            this.tokenDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * Has a person authorize Switchboard when a server with {@code auth: oauth} needs it (the interactive step
         * of the OAuth authorization code flow); see {@link AuthorizationHandler}. Same as
         * {@link ClientHandlers#withAuthorization}.
         */
        public Builder authorizationHandler(AuthorizationHandler handler) {
            this.handlers = handlers.withAuthorization(handler);
            return this;
        }

        /**
         * Traces with this OpenTelemetry instead of the global one ({@code GlobalOpenTelemetry}, a no-op unless an
         * application or agent set it before the start; with an OpenTelemetry API older than 1.62, pass it here): a
         * span per tool call, connection attempt and gathering, after the semantic conventions for MCP, and each
         * call's trace context sent to its server in {@code _meta}.
         */
        public Builder openTelemetry(OpenTelemetry openTelemetry) {
            this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
            return this;
        }

        /**
         * How many sessions are kept per server for calls made with users' credentials
         * ({@link CallOptions#withCredentials}), one per user (32 by default): a new user's session replaces the
         * least recently used idle one. A session unused for {@code idleTimeout} (5 minutes by default, read on the
         * {@link #clock}) is closed; the user's next call opens a new one.
         */
        public Builder userSessions(int maxPerServer, Duration idleTimeout) {
            if (maxPerServer < 1) {
                throw new IllegalArgumentException("maxPerServer: " + maxPerServer + " (expected: >= 1)");
            }
            Objects.requireNonNull(idleTimeout, "idleTimeout");
            if (!idleTimeout.isPositive()) {
                throw new IllegalArgumentException("idleTimeout: " + idleTimeout + " (expected: > 0)");
            }
            this.userSessionsPerServer = maxPerServer;
            this.userSessionIdle = idleTimeout;
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

        /**
         * Runs only the servers of the configuration that {@code which} accepts, now and after every reload; the others
         * are left to someone else (a gateway runs its {@code session: per_client} servers once per client).
         */
        public Builder onlyServers(java.util.function.Predicate<ServerConfig> which) {
            this.only = Objects.requireNonNull(which, "which");
            return this;
        }

        /** Connects to every enabled server; see {@link Switchboard#start(SwitchboardConfig)}. */
        public Switchboard start() {
            return new Switchboard(Engine.start(new EngineSettings(config, clock, sleeper, probes, failOnRequired,
                    awaitOptional, configFile, configLoader, meterRegistry, handlers, listeners, only,
                    tokenDirectory == null ? null : new TokenStore(tokenDirectory, System.getenv()),
                    userSessionsPerServer, userSessionIdle,
                    new Tracing(openTelemetry != null ? openTelemetry : Tracing.global()))));
        }
    }

    /**
     * The OpenTelemetry this instance traces with: the builder's, else the global one as it was at the start. A
     * gateway or an adapter in front of it traces with the same, so that their spans and the calls' are one trace.
     */
    public OpenTelemetry openTelemetry() {
        return engine.openTelemetry();
    }

    /** The configuration in force (the last one applied by {@link #reload}). */
    public SwitchboardConfig config() {
        return engine.config();
    }

    /** Starts telling {@code listener} what changes from now on; see {@link SwitchboardListener}. */
    public void addListener(SwitchboardListener listener) {
        engine.addListener(listener);
    }

    /** Stops telling {@code listener}; events already on their way to it are still delivered. */
    public void removeListener(SwitchboardListener listener) {
        engine.removeListener(listener);
    }

    // ---- Status and tools ----

    /** A snapshot of every configured server, in configuration order. */
    public List<ServerStatus> status() {
        return engine.status();
    }

    /** A snapshot of one server, by name or alias. */
    public ServerStatus status(String server) {
        return engine.status(server);
    }

    /** The tools of one server (by name or alias) that its filter lets through; empty while it is not connected. */
    public List<McpSchema.Tool> tools(String server) {
        return engine.tools(server);
    }

    /** The tools of every connected server, by server name, in configuration order. */
    public Map<String, List<McpSchema.Tool>> tools() {
        return engine.tools();
    }

    /**
     * Every tool of every server in one list, in priority then configuration order, each with a qualified name
     * ({@code <server>__<tool>}) that is unique and valid for MCP clients. Tools hidden by a server's
     * {@code tools:} filter are left out; the last known tools of a server that is down are listed as unavailable.
     */
    public List<CatalogEntry> catalog() {
        return engine.catalog();
    }

    /** The catalog's version: it grows with every change of a server's tools, resources or prompts. */
    public long catalogVersion() {
        return engine.catalogVersion();
    }

    /**
     * The catalog entry a tool name means: a qualified name ({@code github__search}), a bare tool name (the
     * highest-priority server offering it; ties by configuration order), or a qualified name with a server alias.
     *
     * @throws SwitchboardException UNKNOWN_TOOL with the closest names, or UNKNOWN_SERVER listing the known servers
     */
    public CatalogEntry resolveTool(String name) {
        return engine.resolveTool(name);
    }

    // ---- Calls ----

    /** Calls a tool of a server with the server's default request timeout. */
    public ToolResult call(String server, String tool, Map<String, ?> arguments) {
        return call(ToolCall.of(server, tool, arguments), CallOptions.DEFAULT);
    }

    /**
     * Calls a tool of a server (by name or alias) and waits for its result, at most {@code timeout}.
     *
     * @throws SwitchboardException UNKNOWN_SERVER, UNKNOWN_TOOL, SERVER_UNAVAILABLE, TIMEOUT, PROCESS_EXITED,
     *     RPC_ERROR ... ; a tool that reports an error returns a result with {@link ToolResult#isError()}
     */
    public ToolResult call(String server, String tool, Map<String, ?> arguments, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        return call(ToolCall.of(server, tool, arguments), CallOptions.DEFAULT.withTimeout(timeout));
    }

    /** Calls a tool by qualified or bare name (see {@link #resolveTool}) with its server's default timeout. */
    public ToolResult callTool(String name, Map<String, ?> arguments) {
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
    public ToolResult callTool(String name, Map<String, ?> arguments, Duration timeout) {
        CatalogEntry entry = resolveTool(name);
        return call(entry.server(), entry.tool(), arguments, timeout);
    }

    /**
     * Calls a tool by qualified or bare name (see {@link #resolveTool}) with options: a timeout, progress reports,
     * a cancellation token; see {@link #call(ToolCall, CallOptions)}.
     */
    public ToolResult callTool(String name, Map<String, ?> arguments, CallOptions options) {
        CatalogEntry entry = resolveTool(name);
        return call(ToolCall.of(entry.server(), entry.tool(), arguments), options);
    }

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
        return engine.call(call, options);
    }

    /**
     * The tools one server (by name or alias) offers to one user, listed over that user's session (see
     * {@link CallOptions#withCredentials}); they are kept for that user only, never shown to another.
     *
     * @throws SwitchboardException UNKNOWN_SERVER, INVALID_ARGUMENTS for a stdio server, AUTH_FAILED naming the
     *     server and the user when the server refuses the user's token
     */
    public List<McpSchema.Tool> tools(String server, UserCredentials credentials) {
        return engine.tools(server, Objects.requireNonNull(credentials, "credentials"));
    }

    /** Runs calls in parallel with the default options (10 at once, collect every outcome). */
    public List<Outcome> callAll(List<ToolCall> toolCalls) {
        return callAll(toolCalls, CallAllOptions.DEFAULT);
    }

    /**
     * Runs calls in parallel, at most {@code options.maxConcurrency()} at once; calls to different servers run
     * truly in parallel and calls to one server share its session. Returns one outcome per call, in input order.
     *
     * @throws CallAllException with {@link CallAllOptions.Policy#FAIL_FAST}, the first failure, naming the call, with
     *     the outcomes of every call (those that had finished included)
     */
    public List<Outcome> callAll(List<ToolCall> toolCalls, CallAllOptions options) {
        return engine.callAll(toolCalls, options);
    }

    /** Call numbers per server (tool null) and per tool: calls, errors by code, latency, in flight, breaker. */
    public List<CallStats> stats() {
        return engine.stats();
    }

    // ---- Resources, resource templates and prompts across servers ----

    /**
     * Gathers every resource of every enabled server, read fresh (nothing is cached): per server, by priority, its
     * resources with their contents within the configured limits. Servers are asked in parallel, each under its own
     * timeout and all under one deadline.
     *
     * @throws SwitchboardException under fail-fast, when any server failed: one error naming every failed server
     */
    public GatherResult gatherResources(GatherOptions options) {
        return engine.gather(options);
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
        return engine.resolve(entity, domain);
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
        return engine.readResource(uriOrQualified);
    }

    /**
     * Reads one resource from one server (by name or alias) and returns it exactly as the server sent it: unlike
     * {@link #readResource(String)}, nothing is cut to {@code max_resource_bytes}. For a proxy that passes contents on.
     *
     * @throws SwitchboardException UNKNOWN_SERVER, or the server's failure (its JSON-RPC error as RPC_ERROR)
     */
    public McpSchema.ReadResourceResult readResourceFrom(String server, String uri) {
        return engine.readResourceFrom(server, uri);
    }

    /**
     * Every server's resources as it lists them (nothing is read), by server name in priority order, listed fresh;
     * at most {@code orchestration.resources.max_resources_per_server} per server. A server that fails to list is
     * left out (logged), or fails the call under {@code failure_policy: fail-fast}.
     */
    public Map<String, List<McpSchema.Resource>> resources() {
        return engine.resources();
    }

    /** Every server's resource templates, by server name in priority order, listed fresh. */
    public Map<String, List<McpSchema.ResourceTemplate>> resourceTemplates() {
        return engine.resourceTemplates();
    }

    /** Every server's prompts, listed fresh, under the names {@link #getPrompt} takes (see {@link NamedPrompt}). */
    public List<NamedPrompt> prompts() {
        return engine.prompts();
    }

    /**
     * Gets a prompt by its offered name, {@code <server>__<name>}, or its own name when only one server has it.
     *
     * @throws SwitchboardException UNKNOWN_PROMPT, AMBIGUOUS_RESOURCE, or the server's failure
     */
    public McpSchema.GetPromptResult getPrompt(String name, Map<String, ?> arguments) {
        return engine.getPrompt(name, arguments);
    }

    /** Running totals of {@link #gatherResources} calls. */
    public GatherStats gatherStats() {
        return engine.gatherStats();
    }

    // ---- Health and runtime control ----

    /**
     * Probes every connected server now (in parallel, each with its {@code health.timeout}) and returns every
     * server's status with fresh health; servers that are not connected report their connection's verdict.
     */
    public List<ServerStatus> checkHealth() {
        return engine.checkHealth();
    }

    /** Enables a server (by name or alias) at runtime and connects it; remembered in the state file. */
    public ServerStatus enable(String server) {
        return engine.enable(server);
    }

    /**
     * Disables a server (by name or alias) at runtime: calls in flight on it may finish (up to the drain timeout),
     * then it is closed; remembered in the state file, so it stays disabled across restarts until enabled.
     */
    public ServerStatus disable(String server) {
        return engine.disable(server);
    }

    /** Closes a server's connection and connects it again from scratch; the way back for a FAILED server. */
    public ServerStatus reconnect(String server) {
        return engine.reconnect(server);
    }

    /**
     * Applies a new configuration: added servers connect, removed ones close, changed ones (whose settings differ
     * in any way) are closed, then connected again, and untouched ones keep their sessions. Returns once the added
     * and changed servers have settled, as {@link #start} does.
     */
    public ReloadResult reload(SwitchboardConfig newConfig) {
        return engine.reload(newConfig);
    }

    /**
     * Reads the configuration file again (see {@link Builder#configFile}) and applies it as {@link #reload(
     * SwitchboardConfig)} does. An invalid file is rejected whole and the running configuration stays.
     *
     * @throws dev.switchboard.config.ConfigException when the file is invalid
     * @throws SwitchboardException CONFIG_INVALID when Switchboard was not started from a file
     */
    public ReloadResult reload() {
        return engine.reload();
    }

    /**
     * The session Switchboard keeps with one server, for completions, resource subscriptions and its log level.
     *
     * @throws SwitchboardException UNKNOWN_SERVER
     */
    public ServerSession session(String server) {
        return engine.session(server);
    }

    /**
     * Shuts down: new calls fail with SHUTTING_DOWN at once, calls in flight may finish for up to {@code drain},
     * then the rest fail with SHUTTING_DOWN and every connection is closed. {@code Duration.ZERO} forces it.
     * Afterwards no thread, process or socket of Switchboard remains; listeners have heard every event.
     */
    public void shutdown(Duration drain) {
        engine.shutdown(drain);
    }

    /**
     * Shuts down gracefully with {@code orchestration.drain_timeout} (see {@link #shutdown}): processes are stopped
     * (and their process trees), sockets closed, threads ended.
     */
    @Override
    public void close() {
        engine.close();
    }

    /** For tests of this module: the engine behind the facade. */
    Engine engine() {
        return engine;
    }
}
