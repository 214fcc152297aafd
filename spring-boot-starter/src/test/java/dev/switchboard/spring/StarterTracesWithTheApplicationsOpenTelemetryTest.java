package dev.switchboard.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.Switchboard;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The application's OpenTelemetry bean (Boot's, when it traces) is the one Switchboard traces with, on the
 * OpenTelemetry API version Boot manages; without one, the Switchboard starts and calls all the same.
 */
class StarterTracesWithTheApplicationsOpenTelemetryTest {
    @Test
    void callsAreSpansOfTheApplicationsOpenTelemetry() {
        var spans = InMemorySpanExporter.create();
        try (RunningFakeServer server = FakeMcpServer.startHttp(FakeMcpServer.builder().name("tools")
                .tool(FakeTool.echo("echo")).build());
                var sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build()) {
            StarterFixtures.runner().withPropertyValues(StarterFixtures.http("shop", server))
                    .withBean(OpenTelemetry.class, () -> sdk).run(context -> {
                        Switchboard sb = context.getBean(Switchboard.class);
                        assertThat(sb.openTelemetry()).isSameAs(sdk);
                        sb.call("shop", "echo", Map.of("traced", true));
                        assertThat(spans.getFinishedSpanItems()).extracting(SpanData::getName)
                                .contains("tools/call echo", "initialize");
                    });
        }
    }

    @Test
    void withoutOneTheSwitchboardCallsUntraced() {
        try (RunningFakeServer server = FakeMcpServer.startHttp(FakeMcpServer.builder().name("tools")
                .tool(FakeTool.echo("echo")).build())) {
            StarterFixtures.runner().withPropertyValues(StarterFixtures.http("shop", server)).run(context -> {
                Switchboard sb = context.getBean(Switchboard.class);
                assertThat(sb.call("shop", "echo", Map.of("plain", true)).text()).contains("plain");
            });
        }
    }
}
