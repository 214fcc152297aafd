package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.ArrayList;
import java.util.List;

/**
 * The gateway's SERVER span of each MCP request, after the semantic conventions for MCP, joined to the client's trace
 * when the request carries one in {@code params._meta} ({@code traceparent}, {@code tracestate}). Made current while
 * the request is answered, so the library's CLIENT span of a call is its child and the upstream server's spans join
 * the same trace. A no-op when the Switchboard traces with no SDK.
 */
final class RequestSpans {
    private static final TextMapGetter<JsonNode> META = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(JsonNode meta) {
            List<String> keys = new ArrayList<>();
            meta.fieldNames().forEachRemaining(keys::add);
            return keys;
        }

        @Override
        public String get(JsonNode meta, String key) {
            JsonNode value = meta == null ? null : meta.get(key);
            return value != null && value.isTextual() ? value.asText() : null; // anything else is not a context
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    RequestSpans(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("dev.switchboard.gateway");
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    Span start(Session session, JsonRpc.Message request) {
        JsonNode meta = request.paramsOrEmpty().path("_meta");
        Context parent = meta.isObject() ? propagator.extract(Context.root(), meta, META) : Context.root();
        var span = tracer.spanBuilder(request.method()).setParent(parent).setSpanKind(SpanKind.SERVER)
                .setAttribute("mcp.method.name", request.method()).setAttribute("mcp.session.id", session.id())
                .setAttribute("jsonrpc.request.id", String.valueOf(request.id()))
                .setAttribute("network.transport", "tcp").setAttribute("network.protocol.name", "http");
        if (session.protocolVersion() != null) {
            span.setAttribute("mcp.protocol.version", session.protocolVersion());
        }
        return span.startSpan();
    }

    /** Ends a request's span with what its metrics learnt: the tool it called, and why it failed. */
    static void end(Span span, String method, GatewayMetrics.Operation operation) {
        if (!operation.tool().isEmpty()) {
            span.updateName(method + " " + operation.tool());
            span.setAttribute("gen_ai.tool.name", operation.tool());
            span.setAttribute("gen_ai.operation.name", "execute_tool");
        }
        if (!operation.error().isEmpty()) {
            span.setAttribute("error.type", operation.error());
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
    }
}
