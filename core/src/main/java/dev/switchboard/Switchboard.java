package dev.switchboard;

import dev.switchboard.call.CallExecutor;
import dev.switchboard.call.FanOut;
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
 * try (Switchboard sb = Switchboard.start(ConfigLoader.load(Path.of("switchboard.yaml")))) {
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
    private final CallExecutor calls;
    private volatile boolean closed;

    private Switchboard(SwitchboardConfig config, Map<String, Upstream> upstreams, CallExecutor calls) {
        this.config = config;
        this.upstreams = upstreams;
        this.calls = calls;
        this.aliases = new LinkedHashMap<>();
        for (ServerConfig s : config.servers()) {
            s.options().aliases().forEach(a -> aliases.put(a, s.name()));
        }
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
        private io.micrometer.core.instrument.MeterRegistry meterRegistry;

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

        /**
         * Publishes call numbers to this Micrometer registry ({@code switchboard.calls}, ...). Micrometer is an
         * optional dependency: only an application that calls this needs it on its class path.
         */
        public Builder meterRegistry(io.micrometer.core.instrument.MeterRegistry registry) {
            this.meterRegistry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        public Switchboard start() {
            rememberSecrets(config);
            Map<String, Upstream> ups = new LinkedHashMap<>();
            for (ServerConfig s : config.servers()) {
                ups.put(s.name(), new Upstream(s, clock, sleeper, listener));
            }
            var executorRef = new java.util.concurrent.atomic.AtomicReference<CallExecutor>();
            CallExecutor executor = new CallExecutor(config, clock,
                    name -> notifyBreaker(ups.get(name), executorRef.get()));
            executorRef.set(executor);
            if (meterRegistry != null) {
                executor.bindTo(meterRegistry);
            }
            Switchboard sb = new Switchboard(config, ups, executor);
            sb.connectAll(failOnRequired);
            return sb;
        }

        private void notifyBreaker(Upstream u, CallExecutor executor) {
            try {
                listener.accept(withBreaker(u.status(), executor));
            } catch (RuntimeException e) {
                log.warn("status listener failed", e);
            }
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
        return upstreams.values().stream().map(u -> withBreaker(u.status(), calls)).toList();
    }

    /** A snapshot of one server, by name or alias. */
    public ServerStatus status(String server) {
        return withBreaker(upstream(server, null).status(), calls);
    }

    /** The tools of one server (by name or alias); empty while it is not connected. */
    public List<McpSchema.Tool> tools(String server) {
        return upstream(server, null).tools();
    }

    /** The tools of every connected server, by server name, in configuration order. */
    public Map<String, List<McpSchema.Tool>> tools() {
        Map<String, List<McpSchema.Tool>> out = new LinkedHashMap<>();
        upstreams.forEach((name, u) -> {
            if (u.status().ready()) {
                out.put(name, u.tools());
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

    private void checkToolExists(Upstream u, String tool) {
        List<McpSchema.Tool> tools = u.tools();
        if (tools.isEmpty() && !u.status().ready()) {
            return; // the request reports why the server is unavailable
        }
        for (McpSchema.Tool t : tools) { // on every call: no stream, no snapshot
            if (t.name().equals(tool)) {
                return;
            }
        }
        List<String> close = Suggestions.closest(tool, tools.stream().map(McpSchema.Tool::name).toList(), 3);
        throw new SwitchboardException(ErrorCode.UNKNOWN_TOOL, u.name(), tool, "server '" + u.name()
                + "' has no tool '" + tool + "'" + (close.isEmpty() ? "" : "; did you mean " + String.join(", ",
                        close) + "?") + " (list them with: switchboard tools)", null);
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
        checkToolExists(u, call.tool());
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
        return FanOut.run(toolCalls, options, this::call);
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
