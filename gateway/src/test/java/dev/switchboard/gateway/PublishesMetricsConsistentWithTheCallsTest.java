package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.Switchboard;
import dev.switchboard.config.GatewaySettings;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.Scenario;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} after calls made through {@code /mcp}: the library's call timers (with latency buckets) and the
 * gateway's MCP operation timers count exactly the calls made, by server, tool and outcome; the sessions and streams
 * gauges match what is open; a request for an unknown session is counted as refused; no label carries a session id or
 * an unknown tool name. Without the library's registry the gateway still serves its own meters.
 */
class PublishesMetricsConsistentWithTheCallsTest {
    private static final Scenario ALPHA = FakeMcpServer.builder().name("alpha").tool(FakeTool.echo("echo"))
            .tool(FakeTool.error("fail", "it did not work")).build();
    private static final int CALLS = 5;
    private static final int FAILED_CALLS = 2;
    // Its own executor: the HTTP client must not depend on the common pool, which the SDK may keep busy.
    private static final HttpClient HTTP = HttpClient.newBuilder().executor(Executors.newCachedThreadPool()).build();

    @Test
    void countsEveryCallByServerToolAndOutcome() throws Exception {
        GatewaySettings settings = GatewaySettings.builder().port(0).build();
        SwitchboardConfig config = SwitchboardConfig.builder().servers(List.of(Fixture.stdio("alpha", ALPHA)))
                .gateway(settings).build();
        PrometheusMeterRegistry registry = Gateway.newMeterRegistry();
        try (Fixture fixture = start(config, registry)) {
            RawClient raw = new RawClient(fixture.url());
            String session = raw.initialize("2025-06-18");
            String other = raw.initialize("2025-06-18");
            String ended = raw.initialize("2025-06-18");
            for (int i = 0; i < CALLS; i++) {
                assertThat(call(raw, session, 10 + i, "alpha__echo").json().at("/result/isError").asBoolean())
                        .isFalse();
            }
            for (int i = 0; i < FAILED_CALLS; i++) {
                assertThat(call(raw, other, 20 + i, "alpha__fail").json().at("/result/isError").asBoolean()).isTrue();
            }
            assertThat(call(raw, session, 30, "alpha__nope").json().at("/error/code").asInt()).isEqualTo(-32602);
            assertThat(raw.send(raw.request().header("Mcp-Session-Id", ended).DELETE().build()).status())
                    .isEqualTo(200);
            assertThat(call(raw, "no-such-session", 40, "alpha__echo").status()).isEqualTo(404);

            Scrape m = Scrape.of(fixture.url());

            String calls = "switchboard_calls_seconds_count";
            assertThat(m.value(calls, "server", "alpha", "tool", "echo", "outcome", "ok")).isEqualTo(CALLS);
            assertThat(m.value(calls, "server", "alpha", "tool", "fail", "outcome", "TOOL_ERROR"))
                    .isEqualTo(FAILED_CALLS);
            assertThat(m.value("switchboard_calls_seconds_bucket", "tool", "echo", "le", "+Inf")).isEqualTo(CALLS);
            assertThat(m.value("switchboard_calls_seconds_bucket", "tool", "echo", "le", "300.0")).isEqualTo(CALLS);

            String ops = "mcp_server_operation_duration_seconds_count";
            assertThat(m.value(ops, "mcp_method_name", "tools/call", "gen_ai_tool_name", "alpha__echo",
                    "error_type", "", "mcp_protocol_version", "2025-06-18")).isEqualTo(CALLS);
            assertThat(m.value(ops, "mcp_method_name", "tools/call", "gen_ai_tool_name", "alpha__fail",
                    "error_type", "tool_error")).isEqualTo(FAILED_CALLS);
            assertThat(m.value(ops, "mcp_method_name", "tools/call", "gen_ai_tool_name", "", "error_type", "-32602"))
                    .as("an unknown tool is counted without its name").isEqualTo(1);
            assertThat(m.value("mcp_server_operation_duration_seconds_bucket", "gen_ai_tool_name", "alpha__echo",
                    "le", "+Inf")).isEqualTo(CALLS);
            assertThat(m.value("switchboard_gateway_requests_in_flight", "mcp_method_name", "tools/call")).isZero();

            assertThat(m.value("switchboard_gateway_sessions")).as("3 opened, 1 ended").isEqualTo(2);
            assertThat(m.value("switchboard_gateway_requests_rejected_total", "reason", "404")).isEqualTo(1);
            assertThat(m.value("switchboard_server_state", "server", "alpha", "state", "READY", "required", "false"))
                    .isEqualTo(1);
            assertThat(m.value("switchboard_server_state", "server", "alpha")).as("one state at a time").isEqualTo(1);
            assertThat(m.value("switchboard_breaker_state", "server", "alpha")).as("closed").isZero();
            assertThat(m.value("switchboard_server_health", "server", "alpha")).isNotNull();
            assertThat(m.value("switchboard_server_restarts", "server", "alpha")).isZero();
            assertThat(m.value("jvm_memory_used_bytes")).isPositive();
            assertThat(m.text).doesNotContain(session, other, ended, "alpha__nope");

            HttpResponse<InputStream> stream = openStream(fixture, session);
            try {
                Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                        assertThat(Scrape.of(fixture.url()).value("switchboard_gateway_streams")).isEqualTo(1));
            } finally {
                closeQuietly(stream);
            }
        } finally {
            registry.close();
        }
    }

    @Test
    void servesTheGatewaysOwnMetersWhenTheLibraryHasNoRegistry() {
        try (Fixture fixture = Fixture.start(List.of(Fixture.stdio("alpha", ALPHA)))) {
            RawClient raw = new RawClient(fixture.url());
            String session = raw.initialize("2025-11-25");
            call(raw, session, 2, "alpha__echo");

            Scrape m = Scrape.of(fixture.url());

            assertThat(m.value("mcp_server_operation_duration_seconds_count", "gen_ai_tool_name", "alpha__echo"))
                    .isEqualTo(1);
            assertThat(m.value("switchboard_gateway_sessions")).isEqualTo(1);
            assertThat(m.value("switchboard_server_state", "server", "alpha", "state", "READY")).isEqualTo(1);
            assertThat(m.named("switchboard_calls_seconds_count")).as("the library publishes nothing").isEmpty();
        }
    }

    private static Fixture start(SwitchboardConfig config, PrometheusMeterRegistry registry) {
        Switchboard sb = Switchboard.builder(config).meterRegistry(registry).start();
        try {
            return new Fixture(sb, Gateway.start(sb, config.gateway(), config, registry));
        } catch (RuntimeException e) {
            sb.close();
            throw e;
        }
    }

    private static RawClient.Answer call(RawClient raw, String session, int id, String tool) {
        return raw.post(RawClient.request(id, "tools/call", "{\"name\":\"" + tool + "\",\"arguments\":{\"n\":" + id
                + "}}"), Map.of("Mcp-Session-Id", session));
    }

    /** The session's GET stream, open once its headers have arrived. */
    private static HttpResponse<InputStream> openStream(Fixture fixture, String session) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(fixture.url()).header("Accept", "text/event-stream")
                .header("Mcp-Session-Id", session).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    private static void closeQuietly(HttpResponse<InputStream> stream) {
        try {
            stream.body().close();
        } catch (IOException e) {
            // closing a stream the server may already have ended
        }
    }
}
