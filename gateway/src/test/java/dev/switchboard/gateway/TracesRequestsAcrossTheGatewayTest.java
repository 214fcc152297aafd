package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.Switchboard;
import dev.switchboard.config.GatewaySettings;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One trace from the MCP client to the upstream server: the client's {@code traceparent} in {@code params._meta}
 * is the parent of the gateway's SERVER span, whose child is the library's CLIENT span of the call, whose context
 * reaches the upstream server in its {@code _meta}.
 */
class TracesRequestsAcrossTheGatewayTest {
    private static final AttributeKey<String> ERROR = AttributeKey.stringKey("error.type");

    @Test
    void aClientsTraceContinuesThroughTheGatewayToTheServer() throws Exception {
        var spans = InMemorySpanExporter.create();
        try (var otel = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
                RunningFakeServer upstream = FakeMcpServer.builder().name("traced").tool(FakeTool.meta("meta"),
                        FakeTool.error("fails", "no such ticket")).startHttp();
                Switchboard sb = Switchboard.builder(SwitchboardConfig.builder()
                        .servers(List.of(Fixture.http("traced", upstream)))
                        .gateway(GatewaySettings.builder().port(0).build()).build()).openTelemetry(otel).start()) {
            Gateway gateway = Gateway.start(sb);
            try {
                Span client = otel.getTracer("client").spanBuilder("client asks").startSpan();
                Map<String, String> carrier = new HashMap<>();
                W3CTraceContextPropagator.getInstance().inject(Context.root().with(client), carrier, Map::put);
                client.end();
                var raw = new RawClient(gateway.url());
                String session = raw.initialize("2025-11-25");
                String meta = RawClient.JSON.writeValueAsString(carrier);

                RawClient.Answer answer = raw.post(RawClient.request(2, "tools/call", "{\"name\":\"traced__meta\","
                        + "\"arguments\":{},\"_meta\":" + meta + "}"), Map.of("Mcp-Session-Id", session));
                JsonNode upstreamMeta = RawClient.JSON.readTree(answer.json().path("result").path("content").path(0)
                        .path("text").asText());
                raw.post(RawClient.request(3, "tools/call", "{\"name\":\"traced__fails\",\"arguments\":{}}"),
                        Map.of("Mcp-Session-Id", session));

                SpanData server = named("tools/call traced__meta", spans);
                SpanData call = named("tools/call meta", spans);
                assertThat(server.getKind()).isEqualTo(SpanKind.SERVER);
                assertThat(server.getTraceId()).isEqualTo(client.getSpanContext().getTraceId());
                assertThat(server.getParentSpanId()).isEqualTo(client.getSpanContext().getSpanId());
                assertThat(server.getAttributes().get(AttributeKey.stringKey("mcp.session.id"))).isEqualTo(session);
                assertThat(server.getAttributes().get(AttributeKey.stringKey("gen_ai.tool.name")))
                        .isEqualTo("traced__meta");
                assertThat(call.getParentSpanId()).as("the library's call is the gateway's request's child")
                        .isEqualTo(server.getSpanId());
                assertThat(upstreamMeta.path("traceparent").asText()).as("the upstream server joins the trace")
                        .startsWith("00-" + client.getSpanContext().getTraceId() + "-" + call.getSpanId() + "-");

                SpanData failed = named("tools/call traced__fails", spans);
                assertThat(failed.getParentSpanContext().isValid()).as("no _meta: a trace of its own").isFalse();
                assertThat(failed.getAttributes().get(ERROR)).isEqualTo("tool_error");
                assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            } finally {
                gateway.close();
            }
        }
    }

    private static SpanData named(String name, InMemorySpanExporter spans) {
        List<SpanData> found = spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name))
                .toList();
        assertThat(found).as("spans named %s among %s", name, spans.getFinishedSpanItems()).hasSize(1);
        return found.get(0);
    }
}
