package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.ErrorCode;
import dev.switchboard.Switchboard;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.eclipse.jetty.server.Request;

/**
 * The gateway's meters, kept in the Prometheus registry that {@code /metrics} serves beside the library's: MCP
 * requests answered (OpenTelemetry's {@code mcp.server.operation.duration}), HTTP requests, downstream sessions and
 * open streams, refused requests, rate-limited calls, and each server's connection state ({@link ServerMeters}).
 * Handlers reach it through the request ({@link #of}), as they reach the {@link Caller}. Every label is bounded:
 * method and tool names the gateway knows, status codes, configured server and token names; never a session id, an
 * argument or a token.
 */
final class GatewayMetrics {
    /** The request attribute that carries the gateway's metrics, set before any endpoint handles the request. */
    static final String ATTRIBUTE = GatewayMetrics.class.getName();
    /** The value OpenTelemetry's conventions use for a method or route outside the known set. */
    static final String OTHER = "_OTHER";
    /** The bucket bounds OpenTelemetry's MCP conventions advise for operation durations: 10 ms to 5 minutes. */
    private static final Duration[] BUCKETS = Arrays.stream(new double[] {0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30,
        60, 120, 300}).mapToObj(s -> Duration.ofNanos((long) (s * 1e9))).toArray(Duration[]::new);
    private static final Set<String> MCP_METHODS = Set.of("initialize", "ping", "tools/list", "tools/call",
            "prompts/list", "prompts/get", "resources/list", "resources/templates/list", "resources/read",
            "resources/subscribe", "resources/unsubscribe", "completion/complete", "logging/setLevel");
    private static final Set<String> ERROR_CODES = Arrays.stream(ErrorCode.values()).map(Enum::name)
            .collect(Collectors.toUnmodifiableSet());
    private static final Set<String> HTTP_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS",
            "PATCH", "CONNECT", "TRACE");
    /** For requests that reach an endpoint without passing the gateway's handler (tests of one endpoint). */
    private static final GatewayMetrics NONE = new GatewayMetrics(new PrometheusMeterRegistry(PrometheusConfig
            .DEFAULT), false, null, null);

    private record OperationKey(String method, String tool, String error, String version) {
    }

    private record HttpKey(String method, int status, String route) {
    }

    private final PrometheusMeterRegistry registry;
    private final boolean owned;
    private final Switchboard switchboard;
    private final ServerMeters servers;
    private final Map<OperationKey, Timer> operations = new ConcurrentHashMap<>();
    private final Map<HttpKey, Timer> httpRequests = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> activeHttp = new ConcurrentHashMap<>();
    /** Every meter this gateway registered, removed when it stops from a registry that outlives it. */
    private final Set<Meter> mine = ConcurrentHashMap.newKeySet();

    /** With {@code owned}, the registry is the gateway's own, closed with it; else its owner closes it. */
    GatewayMetrics(PrometheusMeterRegistry registry, boolean owned, Sessions sessions, Switchboard switchboard) {
        this.registry = registry;
        this.owned = owned;
        this.switchboard = switchboard;
        this.servers = switchboard == null ? null : new ServerMeters(switchboard, registry);
        if (servers != null) {
            switchboard.addListener(servers);
        }
        if (sessions != null) {
            mine(Gauge.builder("switchboard.gateway.sessions", sessions, Sessions::size)
                    .description("downstream MCP sessions open now (both transports)").register(registry));
            mine(Gauge.builder("switchboard.gateway.streams", sessions,
                    s -> s.all().stream().mapToInt(Session::openStreams).sum())
                    .description("SSE streams a client is connected to now").register(registry));
        }
    }

    /**
     * A registry for the gateway and the library to share: give it to {@code Switchboard.Builder.meterRegistry}
     * and to {@link Gateway#start(Switchboard, dev.switchboard.config.GatewaySettings,
     * dev.switchboard.config.SwitchboardConfig, PrometheusMeterRegistry)}. It gives the library's call timers the
     * same latency buckets as the gateway's, and carries the JVM's memory, threads, CPU and uptime.
     */
    static PrometheusMeterRegistry newRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // Before any meter exists: a filter added later would not reach the meters already registered.
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!"switchboard.calls".equals(id.getName())) {
                    return config;
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(Arrays.stream(BUCKETS)
                        .mapToDouble(Duration::toNanos).toArray()).build().merge(config);
            }
        });
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return registry;
    }

    /** The metrics of the gateway that handles this request. */
    static GatewayMetrics of(Request request) {
        return request.getAttribute(ATTRIBUTE) instanceof GatewayMetrics m ? m : NONE;
    }

    /** Every meter in Prometheus text format, the servers' set brought up to date first. */
    String scrape() {
        if (servers != null) {
            servers.refresh();
        }
        return registry.scrape();
    }

    /**
     * Stops following the Switchboard; closes the registry if it is the gateway's own, else takes the gateway's
     * meters out of it, so that a gateway started later on the same registry publishes its own.
     */
    void close() {
        if (servers != null) {
            switchboard.removeListener(servers);
            servers.close();
        }
        if (owned) {
            registry.close();
        } else {
            mine.forEach(registry::remove);
        }
    }

    /**
     * A request refused before the gateway did its work (a transport rule, access control, a limit, draining);
     * {@code status} is the HTTP status it got, which is the reason's label. {@link Replies} counts the refusals it
     * writes itself: call this only for a refusal written another way.
     */
    void rejected(int status) {
        mine(Counter.builder("switchboard.gateway.requests.rejected").tag("reason", Integer.toString(status))
                .description("requests refused before any work, by HTTP status").register(registry)).increment();
    }

    /** A tool call (or batch item) refused by a rate limit; labelled with the token's configured name, never it. */
    void rateLimited(String tokenName) {
        mine(Counter.builder("switchboard.gateway.calls.rate_limited").tag("token.name", tokenName)
                .description("tool calls refused by a rate limit, by token name").register(registry)).increment();
    }

    /** Starts timing one MCP request; it counts as in flight until {@link Operation#end()}. */
    Operation operation(String method, String protocolVersion) {
        String m = MCP_METHODS.contains(method) ? method : OTHER;
        return new Operation(m, Objects.requireNonNullElse(protocolVersion, ""), active(inFlight,
                "switchboard.gateway.requests.in_flight", "mcp.method.name", m, "MCP requests being answered now"));
    }

    /** Counts one HTTP request as active; {@link #httpEnded} ends it. */
    void httpStarted(String method) {
        active(activeHttp, "http.server.active_requests", "http.request.method", httpMethod(method),
                "HTTP requests being handled now (SSE streams included)").incrementAndGet();
    }

    void httpEnded(String method, String route, int status, long nanos) {
        String m = httpMethod(method);
        activeHttp.get(m).decrementAndGet();
        httpRequests.computeIfAbsent(new HttpKey(m, status, route), k -> mine(Timer
                .builder("http.server.request.duration")
                .tags("http.request.method", m, "http.response.status_code", Integer.toString(status),
                        "http.route", route)
                .description("HTTP requests by method, status and route (an SSE stream lasts until it closes)")
                .serviceLevelObjectives(BUCKETS).register(registry))).record(nanos, TimeUnit.NANOSECONDS);
    }

    private static String httpMethod(String method) {
        return HTTP_METHODS.contains(method) ? method : OTHER;
    }

    private AtomicInteger active(Map<String, AtomicInteger> counts, String name, String tag, String value,
            String description) {
        return counts.computeIfAbsent(value, v -> {
            AtomicInteger n = new AtomicInteger();
            mine(Gauge.builder(name, n, AtomicInteger::get).tag(tag, v).description(description)
                    .strongReference(true).register(registry));
            return n;
        });
    }

    private <M extends Meter> M mine(M meter) {
        mine.add(meter);
        return meter;
    }

    /** One MCP request being answered: in flight until {@link #end()}, then timed with its tool and outcome. */
    final class Operation {
        private final String method;
        private final String version;
        private final AtomicInteger active;
        private final long started = System.nanoTime();
        private volatile String tool = "";
        private volatile String error = "";

        private Operation(String method, String version, AtomicInteger active) {
            this.method = method;
            this.version = version;
            this.active = active;
            active.incrementAndGet();
        }

        /** The tool a {@code tools/call} was routed to, by the name the client used (a name the gateway offers). */
        void tool(String name) {
            tool = name;
        }

        /** Why the request failed: a JSON-RPC error code, an ErrorCode, {@code tool_error} or {@code cancelled}. */
        void error(String type) {
            error = type;
        }

        /** The tool of a {@code tools/call} the gateway offers; empty for other requests and unknown tools. */
        String tool() {
            return tool;
        }

        /** Why the request failed, or empty. */
        String error() {
            return error;
        }

        /** Reads the outcome from a result: a call that was cancelled (null) or whose result is an error. */
        void result(JsonNode result) {
            if (result == null) {
                error("cancelled");
            } else if (result.path("isError").asBoolean(false)) {
                // A server's failure carries its ErrorCode (ToolCalls.toolError); the tool's own error does not.
                // Checked against the enum: a server's own _meta must not be able to grow the labels.
                String code = result.path("_meta").path("dev.switchboard/error").path("code").asText("");
                error(ERROR_CODES.contains(code) ? code : "tool_error");
            }
        }

        void end() {
            long nanos = System.nanoTime() - started;
            active.decrementAndGet();
            operations.computeIfAbsent(new OperationKey(method, tool, error, version), k -> mine(Timer
                    .builder("mcp.server.operation.duration")
                    .tags("mcp.method.name", k.method(), "gen_ai.tool.name", k.tool(), "error.type", k.error(),
                            "mcp.protocol.version", k.version())
                    .description("MCP requests the gateway answered, by method, tool and error type (empty: none)")
                    .serviceLevelObjectives(BUCKETS).register(registry))).record(nanos, TimeUnit.NANOSECONDS);
        }
    }
}
