package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.ErrorCode;
import dev.switchboard.ServerStatus;
import dev.switchboard.StatusesInto;
import dev.switchboard.Switchboard;
import dev.switchboard.ToolResult;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.ServerOptions;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.ReferenceServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * server-everything restarted on the same port forgets every session and answers the old session id with HTTP 400
 * "No valid session ID provided": the next call still succeeds, on a new session initialised for it.
 */
class ReinitialisesExpiredHttpSessionTest {

    @Test
    void aCallRefusedForAnUnknownSessionSucceedsOnANewSession() {
        List<ServerStatus> seen = new CopyOnWriteArrayList<>();
        ReferenceServer first = ReferenceServer.everythingStreamableHttp();
        int port = first.port();
        var config = SwitchboardConfig.of(List.of(HttpServer.builder("everything", first.url())
                .options(ServerOptions.builder().required(true).build()).build()));
        try (var sb = Switchboard.builder(config).listener(StatusesInto.list(seen)).start()) {
            assertThat(sb.call("everything", "echo", Map.of("message", "before")).text()).contains("before");
            Instant firstSession = sb.status("everything").connectedAt();
            first.close();
            try (var second = ReferenceServer.everythingStreamableHttp(port)) {
                ToolResult r = sb.call("everything", "echo", Map.of("message", "after restart"),
                        Duration.ofSeconds(30));

                assertThat(r.isError()).isFalse();
                assertThat(r.text()).contains("after restart");
                assertThat(sb.status("everything").connectedAt()).isAfter(firstSession);
                // On a loaded machine the new server may take long enough to start that Switchboard first sees the
                // port refused (UNREACHABLE) and reconnects from that; otherwise the old session id met HTTP 400.
                boolean sawTheGap = seen.stream().anyMatch(s -> s.lastError() != null
                        && s.lastError().code() == ErrorCode.UNREACHABLE);
                if (!sawTheGap) {
                    assertThat(seen).anySatisfy(s -> {
                        assertThat(s.lastError()).isNotNull();
                        assertThat(s.lastError().code()).isEqualTo(ErrorCode.SESSION_EXPIRED);
                        assertThat(s.lastError().message()).contains("HTTP 400").contains("everything");
                    });
                }
                assertThat(sb.call("everything", "echo", Map.of("message", "again")).text()).contains("again");
            }
        } finally {
            first.close();
        }
    }
}
