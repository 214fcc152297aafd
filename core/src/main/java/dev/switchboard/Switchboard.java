package dev.switchboard;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.Suggestions;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.config.StdioServer;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.observe.Redactor;
import dev.switchboard.upstream.Sleeper;
import dev.switchboard.upstream.Upstream;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
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

    private final SwitchboardConfig config;
    private final Map<String, Upstream> upstreams;
    private final Map<String, String> aliases;
    private final Catalog catalog;
    private volatile boolean closed;

    private Switchboard(SwitchboardConfig config, Map<String, Upstream> upstreams) {
        this.config = config;
        this.upstreams = upstreams;
        this.aliases = new LinkedHashMap<>();
        for (ServerConfig s : config.servers()) {
            s.options().aliases().forEach(a -> aliases.put(a, s.name()));
        }
        this.catalog = new Catalog(List.copyOf(upstreams.values()), config.orchestration());
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

        private Builder(SwitchboardConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** Called on every change of a server's state, from Switchboard's threads; keep it quick. */
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

        public Switchboard start() {
            rememberSecrets(config);
            Map<String, Upstream> ups = new LinkedHashMap<>();
            for (ServerConfig s : config.servers()) {
                ups.put(s.name(), new Upstream(s, clock, sleeper, listener));
            }
            Switchboard sb = new Switchboard(config, ups);
            sb.connectAll(failOnRequired);
            return sb;
        }
    }

    private void connectAll(boolean failOnRequired) {
        log.atInfo().setMessage("switchboard.starting").addKeyValue("servers", upstreams.size()).log();
        upstreams.values().forEach(Upstream::start);
        List<CompletableFuture<ServerStatus>> all = upstreams.values().stream().map(Upstream::settled).toList();
        try {
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new SwitchboardException(ErrorCode.CANCELLED, "start was interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            close();
            throw new SwitchboardException(ErrorCode.INTERNAL, null, null, "start failed: " + e.getCause(), e);
        }
        List<ServerStatus> failedRequired = status().stream()
                .filter(s -> s.required() && s.state() != ServerState.READY && s.state() != ServerState.DISABLED)
                .toList();
        if (failOnRequired && !failedRequired.isEmpty()) {
            close();
            throw startupFailure(failedRequired);
        }
        log.atInfo().setMessage("switchboard.started")
                .addKeyValue("ready", status().stream().filter(ServerStatus::ready).count())
                .addKeyValue("servers", upstreams.size()).log();
    }

    private static SwitchboardException startupFailure(List<ServerStatus> failed) {
        StringBuilder sb = new StringBuilder(failed.size() == 1 ? "a required server" : failed.size()
                + " required servers").append(" could not be connected:");
        for (ServerStatus s : failed) {
            ErrorInfo e = s.lastError();
            sb.append("\n  ").append(s.name()).append(": ")
                    .append(e == null ? s.state().name() : e.code() + " " + e.message());
        }
        ErrorInfo first = failed.get(0).lastError();
        return new SwitchboardException(first == null ? ErrorCode.SERVER_UNAVAILABLE : first.code(),
                failed.size() == 1 ? failed.get(0).name() : null, null, sb.toString(), null);
    }

    private static void rememberSecrets(SwitchboardConfig config) {
        for (ServerConfig s : config.servers()) {
            Redactor.rememberNamed(switch (s) {
                case StdioServer st -> st.env();
                case HttpServer h -> h.headers();
            });
        }
    }

    public SwitchboardConfig config() {
        return config;
    }

    /** A snapshot of every configured server, in configuration order. */
    public List<ServerStatus> status() {
        return upstreams.values().stream().map(Upstream::status).toList();
    }

    /** A snapshot of one server, by name or alias. */
    public ServerStatus status(String server) {
        return upstream(server, null).status();
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
            if (u.status().ready()) {
                out.put(name, tools(name));
            }
        });
        return out;
    }

    /** Calls a tool of a server with the server's default request timeout. */
    public ToolResult call(String server, String tool, Map<String, Object> arguments) {
        Upstream u = upstream(server, tool);
        return call(server, tool, arguments, u.config().options().requestTimeout());
    }

    /**
     * Calls a tool of a server (by name or alias) and waits for its result, at most {@code timeout}.
     *
     * @throws SwitchboardException UNKNOWN_SERVER, UNKNOWN_TOOL, SERVER_UNAVAILABLE, TIMEOUT, PROCESS_EXITED,
     *     RPC_ERROR ... ; a tool that reports an error returns a result with {@link ToolResult#isError()}
     */
    public ToolResult call(String server, String tool, Map<String, Object> arguments, Duration timeout) {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(timeout, "timeout");
        Upstream u = upstream(server, tool);
        Map<String, Object> args = arguments == null ? Map.of() : arguments;
        catalog.checkCall(u.name(), tool, args);
        long t0 = System.nanoTime();
        try {
            McpSchema.CallToolResult result = u.request("tools/call", tool, timeout,
                    c -> c.callTool(new McpSchema.CallToolRequest(tool, args)));
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            log.atDebug().setMessage("call.done").addKeyValue("server", u.name()).addKeyValue("tool", tool)
                    .addKeyValue("duration_ms", took.toMillis())
                    .addKeyValue("is_error", Boolean.TRUE.equals(result.isError())).log();
            return new ToolResult(u.name(), tool, took, result);
        } catch (SwitchboardException e) {
            log.atWarn().setMessage("call.failed").addKeyValue("server", u.name()).addKeyValue("tool", tool)
                    .addKeyValue("error_code", e.code().name())
                    .addKeyValue("duration_ms", Duration.ofNanos(System.nanoTime() - t0).toMillis())
                    .addKeyValue("message", e.getMessage()).log();
            throw e;
        }
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

    /** Closes every connection in parallel: processes are stopped (and their process trees), sockets closed. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (var exec = Executors.newVirtualThreadPerTaskExecutor()) {
            upstreams.values().forEach(u -> exec.submit(u::close));
        }
        log.atInfo().setMessage("switchboard.closed").log();
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

    // ---- Resources, resource templates and prompts across servers (dev.switchboard.resources) ----

    private final java.util.concurrent.atomic.AtomicReference<dev.switchboard.resources.Resources> resourcesRef =
            new java.util.concurrent.atomic.AtomicReference<>();

    private dev.switchboard.resources.Resources resources() {
        if (closed) {
            throw new SwitchboardException(ErrorCode.SHUTTING_DOWN, "Switchboard is closed");
        }
        return resourcesRef.updateAndGet(r -> r != null ? r : new dev.switchboard.resources.Resources(
                List.copyOf(upstreams.values()), aliases, config.orchestration().resources(),
                config.orchestration().nameSeparator()));
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
        dev.switchboard.resources.Resources r = resourcesRef.get();
        return r != null ? r.stats() : new GatherStats(0, 0, 0, 0, 0, 0, Duration.ZERO);
    }
}
