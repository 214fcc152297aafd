package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.CallOptions;
import dev.switchboard.EngineOf;
import dev.switchboard.ErrorCode;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardException;
import dev.switchboard.ToolCall;
import dev.switchboard.UserCredentials;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * A graceful shutdown lets a user's call in flight finish, as it does a call on the shared connection, refuses new
 * ones with SHUTTING_DOWN, and then closes every user session.
 */
class DrainsUserCallsOnShutdownTest {

    @Test
    void aUsersCallInFlightFinishesBeforeItsSessionCloses() throws Exception {
        try (RunningFakeServer fake = FakeMcpServer.builder().name("fake")
                .tool(FakeTool.delay("slow", Duration.ofSeconds(1))).bearerUser("alice", "tok-alice").startHttp();
                var exec = Executors.newVirtualThreadPerTaskExecutor()) {
            var config = SwitchboardConfig.builder().servers(List.of(HttpServer.builder("svc", URI.create(fake.url()))
                    .headers(Map.of("Authorization", "Bearer tok-alice")).build())).build();
            var sb = Switchboard.builder(config).start();
            var alice = CallOptions.DEFAULT.withCredentials(UserCredentials.bearer("alice", "tok-alice"))
                    .withTimeout(Duration.ofSeconds(30));
            var inFlight = exec.submit(() -> sb.call(ToolCall.of("svc", "slow", Map.of()), alice).text());
            fake.awaitCalls(1, Duration.ofSeconds(30));

            sb.shutdown(Duration.ofSeconds(30));

            assertThat(inFlight.get()).isEqualTo("done");
            assertThat(EngineOf.engine(sb).userSessions().size()).isZero();
            assertThatThrownBy(() -> sb.call(ToolCall.of("svc", "slow", Map.of()), alice))
                    .isInstanceOfSatisfying(SwitchboardException.class, e -> assertThat(e.code())
                            .isEqualTo(ErrorCode.SHUTTING_DOWN));
        }
    }
}
