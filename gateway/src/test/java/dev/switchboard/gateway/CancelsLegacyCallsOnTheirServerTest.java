package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.GatewaySettings;
import dev.switchboard.config.HttpServer;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A call made over the legacy HTTP+SSE transport is cancelled on its server when its client says so
 * ({@code notifications/cancelled}) or goes away: the transport cannot resume a stream, so a stream that closes ends
 * its session at once, without waiting for a keep-alive write to fail, and the server hears the cancellation.
 */
class CancelsLegacyCallsOnTheirServerTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static RunningFakeServer upstream;
    private static Fixture fixture;

    @BeforeAll
    static void start() {
        upstream = FakeMcpServer.builder().name("slow").tool(FakeTool.hang("stuck")).startHttp();
        fixture = Fixture.start(List.of(HttpServer.of("slow", URI.create(upstream.url()))),
                GatewaySettings.builder().port(0).build());
    }

    @AfterEach
    void everySessionEnded() {
        Awaitility.await().atMost(WAIT).until(() -> fixture.gateway.sessionCount() == 0);
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
        upstream.close();
    }

    @Test
    void aCancelledNotificationCancelsTheCallOnItsServer() throws Exception {
        try (LegacySseStream stream = LegacySseStream.open(fixture.url())) {
            stream.initialize();
            int calls = upstream.receivedCalls().size();
            int cancels = upstream.receivedCancellations().size();
            stream.post(RawClient.request(11, "tools/call", "{\"name\":\"slow__stuck\",\"arguments\":{}}"), Map.of());
            upstream.awaitCalls(calls + 1, WAIT);

            assertThat(stream.post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":"
                    + "{\"requestId\":11,\"reason\":\"user pressed stop\"}}", Map.of()).status()).isEqualTo(202);

            assertThat(upstream.awaitCancellations(cancels + 1, WAIT).get(cancels).reason())
                    .isEqualTo("user pressed stop");
            stream.post(RawClient.request(12, "ping", "{}"), Map.of());
            assertThat(stream.awaitMessage(m -> true).at("/id").asInt())
                    .as("the cancelled call gets no answer, and the session goes on").isEqualTo(12);
        }
    }

    @Test
    void closingTheStreamEndsTheSessionAndCancelsItsCallOnItsServerAtOnce() throws Exception {
        LegacySseStream stream = LegacySseStream.open(fixture.url());
        stream.initialize();
        int sessions = fixture.gateway.sessionCount();
        int calls = upstream.receivedCalls().size();
        int cancels = upstream.receivedCancellations().size();
        stream.post(RawClient.request(21, "tools/call", "{\"name\":\"slow__stuck\",\"arguments\":{}}"), Map.of());
        upstream.awaitCalls(calls + 1, WAIT);

        stream.close();

        // Well within the 15 s keep-alive: the gateway notices the closed connection itself, not at its next write.
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> fixture.gateway.sessionCount() == sessions - 1);
        assertThat(upstream.awaitCancellations(cancels + 1, Duration.ofSeconds(10)).get(cancels).reason())
                .isEqualTo("the client closed its SSE stream");
        RawClient.Answer after = stream.post(RawClient.request(22, "ping", "{}"), Map.of());
        assertThat(after.status()).as("a legacy session cannot be resumed").isEqualTo(404);
    }
}
