package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.BreakerState;
import dev.switchboard.ErrorCode;
import dev.switchboard.ServerStatus;
import dev.switchboard.StatusesInto;
import dev.switchboard.Switchboard;
import dev.switchboard.ToolResult;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.config.Transport;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A legacy HTTP+SSE server that forgets a session answers its message URL with 404 while the event stream stays
 * open. That is the session expiring, not a wrong endpoint (the URL came from the server and served until then):
 * Switchboard takes a new session and the call is made on it. Before, every call failed with PROTOCOL_MISMATCH ("no
 * MCP endpoint") on the forgotten session until the breaker opened (found by the chaos suite).
 */
class ReconnectsWhenAnSseServerForgetsTheSessionTest {

    @Test
    void aCallRefusedForAForgottenSessionSucceedsOnANewOne() {
        List<ServerStatus> seen = new CopyOnWriteArrayList<>();
        try (RunningFakeServer server = FakeMcpServer.builder().name("legacy").tool(FakeTool.echo("echo"))
                .startSse()) {
            var config = SwitchboardConfig.of(List.of(HttpServer.builder("legacy", URI.create(server.url()))
                    .transport(Transport.SSE).build()));
            try (var sb = Switchboard.builder(config).listener(StatusesInto.list(seen)).start()) {
                assertThat(sb.call("legacy", "echo", Map.of("n", 1)).text()).contains("1");
                Instant firstSession = sb.status("legacy").connectedAt();

                server.expireSessions();
                ToolResult r = sb.call("legacy", "echo", Map.of("n", 2), Duration.ofSeconds(30));

                assertThat(r.isError()).isFalse();
                assertThat(r.text()).contains("2");
                assertThat(sb.status("legacy").connectedAt()).isAfter(firstSession);
                assertThat(seen).anySatisfy(s -> {
                    assertThat(s.lastError()).isNotNull();
                    assertThat(s.lastError().code()).isEqualTo(ErrorCode.SESSION_EXPIRED);
                    assertThat(s.lastError().message()).contains("HTTP 404").contains("legacy");
                });
                assertThat(sb.call("legacy", "echo", Map.of("n", 3)).text()).contains("3");
                assertThat(sb.status("legacy").breaker()).isEqualTo(BreakerState.CLOSED);
            }
        }
    }
}
