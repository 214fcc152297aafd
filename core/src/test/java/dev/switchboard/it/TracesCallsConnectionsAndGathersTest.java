package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.ServerState;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardException;
import dev.switchboard.config.CallPolicy;
import dev.switchboard.config.RetryPolicy;
import dev.switchboard.config.ServerOptions;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * With an OpenTelemetry SDK, every tool call is a CLIENT span after the semantic conventions for MCP, a child of the
 * caller's span, whose context reaches the server in {@code _meta}; connection attempts and gatherings are spans
 * too. Without one, nothing is traced and nothing is added to requests.
 */
class TracesCallsConnectionsAndGathersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();

    @AfterEach
    void shutDown() {
        otel.close();
    }

    @Test
    void aCallIsAChildSpanOfTheCallerAndItsContextReachesTheServer() throws Exception {
        try (RunningFakeServer server = FakeMcpServer.builder().name("traced").tool(FakeTool.meta("meta"),
                FakeTool.error("fails", "no such ticket"), FakeTool.rpcError("refuses", -32602, "bad id"))
                .startHttp();
                Switchboard sb = Switchboard.builder(CallConfigs.of(CallConfigs.http("traced", server.url(),
                        CallPolicy.DEFAULT))).openTelemetry(otel).start()) {
            Span caller = otel.getTracer("test").spanBuilder("answer question").startSpan();
            JsonNode meta;
            try (Scope ignored = caller.makeCurrent()) {
                meta = JSON.readTree(sb.call("traced", "meta", Map.of()).text());
                assertThat(sb.call("traced", "fails", Map.of()).isError()).isTrue();
                assertThatThrownBy(() -> sb.call("traced", "refuses", Map.of())).isInstanceOf(
                        SwitchboardException.class);
            } finally {
                caller.end();
            }

            SpanData call = only("tools/call meta");
            assertThat(call.getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(call.getParentSpanId()).isEqualTo(caller.getSpanContext().getSpanId());
            assertThat(call.getTraceId()).isEqualTo(caller.getSpanContext().getTraceId());
            assertThat(call.getAttributes().asMap()).containsEntry(key("mcp.method.name"), "tools/call")
                    .containsEntry(key("gen_ai.tool.name"), "meta")
                    .containsEntry(key("gen_ai.operation.name"), "execute_tool")
                    .containsEntry(key("switchboard.server"), "traced")
                    .containsEntry(key("network.transport"), "tcp")
                    .containsEntry(key("server.address"), "127.0.0.1")
                    .containsEntry(AttributeKey.longKey("server.port"), (long) URI.create(server.url()).getPort())
                    .doesNotContainKey(key("error.type"));
            assertThat(meta.path("traceparent").asText()).as("the server joins the call's trace")
                    .startsWith("00-" + call.getTraceId() + "-" + call.getSpanId() + "-"); // then the flags

            SpanData toolError = only("tools/call fails");
            assertThat(toolError.getAttributes().get(key("error.type"))).isEqualTo("tool_error");
            assertThat(toolError.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            SpanData refused = only("tools/call refuses");
            assertThat(refused.getAttributes().get(key("error.type"))).isEqualTo("RPC_ERROR");

            SpanData connect = only("initialize");
            assertThat(connect.getParentSpanContext().isValid()).as("a connection belongs to no call").isFalse();
            assertThat(connect.getAttributes().asMap()).containsEntry(key("switchboard.server"), "traced")
                    .containsKey(key("mcp.protocol.version")).doesNotContainKey(key("error.type"));

            sb.gatherResources();
            assertThat(only("switchboard.gather").getAttributes().get(AttributeKey.longKey("switchboard.servers")))
                    .isEqualTo(1L);
        }
    }

    @Test
    void aFailedConnectionAttemptEndsWithItsErrorCode() {
        var down = CallConfigs.http("down", "http://127.0.0.1:" + Ports.unused() + "/mcp", CallPolicy.DEFAULT);
        var once = down.withOptions(ServerOptions.builder().retry(RetryPolicy.builder().maxAttempts(1)
                .initialBackoff(Duration.ofSeconds(60)).maxBackoff(Duration.ofSeconds(60)).build()).build());
        try (Switchboard sb = Switchboard.builder(CallConfigs.of(once)).openTelemetry(otel)
                .failOnRequiredServers(false).start()) {
            assertThat(sb.status("down").state()).isNotEqualTo(ServerState.READY);
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !spans.getFinishedSpanItems().isEmpty());
            SpanData connect = only("initialize");
            assertThat(connect.getAttributes().get(key("error.type"))).isEqualTo("UNREACHABLE");
            assertThat(connect.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        }
    }

    @Test
    void withoutAnSdkNothingIsAddedToRequests() throws Exception {
        try (RunningFakeServer server = FakeMcpServer.builder().name("plain").tool(FakeTool.meta("meta"))
                .startHttp();
                Switchboard sb = Switchboard.start(CallConfigs.of(CallConfigs.http("plain", server.url(),
                        CallPolicy.DEFAULT)))) {
            Span caller = otel.getTracer("test").spanBuilder("elsewhere").startSpan();
            try (Scope ignored = caller.makeCurrent()) {
                // The application traces with an SDK of its own, but did not give it to Switchboard nor make it
                // global: Switchboard's spans are no-ops, and a no-op propagator sends nothing.
                assertThat(JSON.readTree(sb.call("plain", "meta", Map.of()).text()).has("traceparent")).isFalse();
            } finally {
                caller.end();
            }
            assertThat(spans.getFinishedSpanItems()).extracting(SpanData::getName).containsExactly("elsewhere");
        }
    }

    @Test
    void theDocumentedExampleTraces() {
        try (RunningFakeServer github = FakeMcpServer.builder().name("github").tool(FakeTool.echo("search"))
                .startHttp()) {
            var config = CallConfigs.of(CallConfigs.http("github", github.url(), CallPolicy.DEFAULT));
            assertThat(example.TracedCalls.search(config, otel).text()).contains("is:open");
            assertThat(only("tools/call search").getAttributes().get(key("switchboard.server"))).isEqualTo("github");
        }
    }

    /** docs/integrations.md quotes the example as it is compiled and run here. */
    @Test
    void theDocsQuoteTheExampleAsItIs() throws Exception {
        var quotes = dev.switchboard.testing.DocSnippets.quotes(java.nio.file.Path.of("").toAbsolutePath()
                .getParent(), "docs/integrations.md", "core/");
        assertThat(quotes).containsKey("opentelemetry");
        assertThat(quotes.get("opentelemetry").quoted()).isEqualTo(quotes.get("opentelemetry").source());
    }

    private SpanData only(String name) {
        List<SpanData> named = spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
        assertThat(named).as("spans named %s among %s", name, spans.getFinishedSpanItems()).hasSize(1);
        return named.get(0);
    }

    private static AttributeKey<String> key(String name) {
        return AttributeKey.stringKey(name);
    }
}
