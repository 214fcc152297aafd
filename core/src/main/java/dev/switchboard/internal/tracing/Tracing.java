package dev.switchboard.internal.tracing;

import dev.switchboard.ErrorCode;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.ServerConfig;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * The spans Switchboard makes, named and attributed after the OpenTelemetry semantic conventions for MCP: one
 * CLIENT span per tool call (all its attempts), one per connection attempt ({@code initialize}), one per gathering
 * of resources. Without an OpenTelemetry SDK every part of it is a no-op.
 */
public final class Tracing {
    /** A Tracing that records nothing, for tests and parts that run without an instance. */
    public static final Tracing NONE = new Tracing(OpenTelemetry.noop());

    public static final AttributeKey<String> METHOD = AttributeKey.stringKey("mcp.method.name");
    public static final AttributeKey<String> TOOL = AttributeKey.stringKey("gen_ai.tool.name");
    public static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    public static final AttributeKey<String> PROTOCOL = AttributeKey.stringKey("mcp.protocol.version");
    public static final AttributeKey<String> ERROR = AttributeKey.stringKey("error.type");
    public static final AttributeKey<String> SERVER = AttributeKey.stringKey("switchboard.server");
    private static final AttributeKey<String> TRANSPORT = AttributeKey.stringKey("network.transport");
    private static final AttributeKey<String> NETWORK_PROTOCOL = AttributeKey.stringKey("network.protocol.name");
    private static final AttributeKey<String> ADDRESS = AttributeKey.stringKey("server.address");
    private static final AttributeKey<Long> PORT = AttributeKey.longKey("server.port");
    private static final AttributeKey<Long> ATTEMPTS = AttributeKey.longKey("switchboard.attempts");
    /** The semantic conventions' value of {@code error.type} for a result with {@code isError: true}. */
    public static final String TOOL_ERROR = "tool_error";

    private final OpenTelemetry openTelemetry;
    private final Tracer tracer;
    private final TextMapPropagator propagator;

    public Tracing(OpenTelemetry openTelemetry) {
        this.openTelemetry = openTelemetry;
        this.tracer = openTelemetry.getTracer("dev.switchboard", dev.switchboard.internal.upstream.Version.TEXT);
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    /**
     * The global OpenTelemetry when an application or agent set one, else a no-op. Never {@code
     * GlobalOpenTelemetry.get()}: called before the application sets its SDK, it would fix the global to a no-op
     * and make the application's {@code set} fail. An API older than 1.62 (Spring Boot 4.0 manages 1.55) cannot
     * tell whether one was set without that: then Switchboard traces only with the OpenTelemetry it is given.
     */
    public static OpenTelemetry global() {
        try {
            return GlobalOpenTelemetry.getOrNoop();
        } catch (NoSuchMethodError olderApi) {
            return OpenTelemetry.noop();
        }
    }

    public OpenTelemetry openTelemetry() {
        return openTelemetry;
    }

    /** Starts the span of one tool call on {@code server}; the caller makes it current while the call runs. */
    public Span startCall(String server, String tool, ServerConfig config) {
        SpanBuilder b = tracer.spanBuilder("tools/call " + tool).setSpanKind(SpanKind.CLIENT)
                .setAttribute(METHOD, "tools/call").setAttribute(TOOL, tool)
                .setAttribute(OPERATION, "execute_tool").setAttribute(SERVER, server);
        return where(b, config).startSpan();
    }

    /** Starts the span of one connection attempt to a server (its {@code initialize}). */
    public Span startConnect(String server, ServerConfig config) {
        SpanBuilder b = tracer.spanBuilder("initialize").setSpanKind(SpanKind.CLIENT).setNoParent()
                .setAttribute(METHOD, "initialize").setAttribute(SERVER, server);
        return where(b, config).startSpan();
    }

    /** Starts the span of one gathering of resources from every server. */
    public Span startGather() {
        return tracer.spanBuilder("switchboard.gather").setSpanKind(SpanKind.INTERNAL).startSpan();
    }

    /** Ends a call's span: {@code code} is null for a result, {@link ErrorCode#TOOL_ERROR} for {@code isError}. */
    public static void endCall(Span span, ErrorCode code, int attempts) {
        span.setAttribute(ATTEMPTS, (long) attempts);
        end(span, code);
    }

    /** Ends a span: {@code code} is null for success. */
    public static void end(Span span, ErrorCode code) {
        if (code != null) {
            span.setAttribute(ERROR, code == ErrorCode.TOOL_ERROR ? TOOL_ERROR : code.name());
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
    }

    /**
     * The current trace context as {@code _meta} entries of a request ({@code traceparent}, {@code tracestate}):
     * the server's own spans then join the caller's trace. Empty when there is no trace to join, or no SDK.
     */
    public Map<String, Object> meta() {
        if (propagator == TextMapPropagator.noop()) {
            return Map.of(); // no SDK: nothing to send, and nothing allocated per call
        }
        Map<String, Object> carrier = new HashMap<>(2);
        // The trace context only, whatever else the application propagates: its baggage (tenant, user ids) is not
        // for third-party servers.
        W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, (c, k, v) -> c.put(k, v));
        return carrier;
    }

    private static SpanBuilder where(SpanBuilder b, ServerConfig config) {
        if (config == null) {
            return b;
        }
        if (config instanceof HttpServer http) {
            URI url = http.url();
            b.setAttribute(TRANSPORT, "tcp").setAttribute(NETWORK_PROTOCOL, "http");
            if (url.getHost() != null) {
                b.setAttribute(ADDRESS, url.getHost());
            }
            int port = url.getPort() != -1 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
            b.setAttribute(PORT, (long) port);
        } else {
            b.setAttribute(TRANSPORT, "pipe");
        }
        return b;
    }
}
