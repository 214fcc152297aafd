package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.ErrorCode;
import dev.switchboard.ServerState;
import dev.switchboard.ServerStatus;
import dev.switchboard.StatusesInto;
import dev.switchboard.Switchboard;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.RetryPolicy;
import dev.switchboard.config.ServerOptions;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.config.Transport;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeServerProcess;
import dev.switchboard.testing.FakeTool;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A legacy HTTP+SSE server whose event stream drops (the server process dies) is noticed at once, reported, and
 * reconnected with backoff when the server is back on its port; calls work again without help.
 */
class ReconnectsDroppedSseStreamTest {
    private static final RetryPolicy QUICK = RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(100))
            .multiplier(2.0).maxBackoff(Duration.ofMillis(400)).jitter(0.0).build();

    @Test
    void aDroppedStreamIsNoticedAndTheServerReconnectedWhenItIsBack() throws Exception {
        var scenario = FakeMcpServer.builder().name("legacy").tool(FakeTool.echo("echo")).build();
        int port = Ports.unused();
        FakeServerProcess first = FakeServerProcess.sse(scenario, port);
        List<ServerStatus> seen = new CopyOnWriteArrayList<>();
        var server = HttpServer.builder("legacy", URI.create("http://127.0.0.1:" + port + "/sse"))
                .options(ServerOptions.builder().retry(QUICK).build()).transport(Transport.SSE).build();
        FakeServerProcess second = null;
        try (var sb = Switchboard.builder(SwitchboardConfig.of(List.of(server))).listener(StatusesInto.list(seen)).start()) {
            Instant firstSession = sb.status("legacy").connectedAt();
            assertThat(sb.call("legacy", "echo", Map.of("n", 1)).text()).contains("\"n\":1");

            first.close();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> seen.stream().anyMatch(s ->
                    s.lastError() != null && s.lastError().code() == ErrorCode.UNREACHABLE
                            && s.lastError().message().contains("event stream")));

            second = FakeServerProcess.sse(scenario, port);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                ServerStatus st = sb.status("legacy");
                return st.state() == ServerState.READY && st.connectedAt().isAfter(firstSession);
            });
            assertThat(sb.call("legacy", "echo", Map.of("n", 2)).text()).contains("\"n\":2");
        } finally {
            first.close();
            if (second != null) {
                second.close();
            }
        }
    }
}
