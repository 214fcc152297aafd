package dev.switchboard.it;

import static dev.switchboard.it.UserFixture.as;
import static dev.switchboard.it.UserFixture.whoami;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.EngineOf;
import dev.switchboard.ErrorCode;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardException;
import dev.switchboard.ToolCall;
import dev.switchboard.testing.RunningFakeServer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * At most {@code userSessions(max, ...)} sessions per server: a new user's session replaces the least recently used
 * idle one, which is closed (its user's next call opens a new session); when every session has a call in flight, a
 * new user is refused with OVERLOADED at once.
 */
class EvictsTheLeastRecentlyUsedUserSessionTest {

    @Test
    void aNewUserReplacesTheLeastRecentlyUsedIdleSession() {
        try (RunningFakeServer fake = UserFixture.server();
                var sb = Switchboard.builder(UserFixture.config(fake)).userSessions(2, Duration.ofHours(1)).start()) {
            var pool = EngineOf.engine(sb).userSessions();
            String alicesFirst = whoami(sb, as("alice"));
            String bobsFirst = whoami(sb, as("bob"));
            assertThat(whoami(sb, as("alice"))).isEqualTo(alicesFirst); // kept: same session
            assertThat(pool.users("svc")).containsExactly("bob", "alice");

            assertThat(whoami(sb, as("carol"))).startsWith("user=carol ");
            assertThat(pool.users("svc")).as("bob's was the least recently used").containsExactly("alice", "carol");

            String bobsSecond = whoami(sb, as("bob"));
            assertThat(bobsSecond).startsWith("user=bob ").isNotEqualTo(bobsFirst);
            assertThat(pool.users("svc")).containsExactly("carol", "bob");
            assertThat(pool.size()).isEqualTo(2);
        }
    }

    @Test
    void aNewUserIsRefusedWhileEverySessionHasACallInFlight() throws Exception {
        try (RunningFakeServer fake = UserFixture.server();
                var sb = Switchboard.builder(UserFixture.config(fake)).userSessions(1, Duration.ofHours(1)).start();
                var exec = Executors.newVirtualThreadPerTaskExecutor()) {
            var hanging = exec.submit(() -> sb.call(ToolCall.of("svc", "hang", Map.of()),
                    as("alice").withTimeout(Duration.ofSeconds(30))));
            fake.awaitCalls(1, Duration.ofSeconds(30));

            assertThatThrownBy(() -> whoami(sb, as("bob"))).isInstanceOfSatisfying(SwitchboardException.class,
                    e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.OVERLOADED);
                        assertThat(e.getMessage()).contains("server 'svc'", "userSessions");
                    });
            assertThat(EngineOf.engine(sb).userSessions().users("svc")).containsExactly("alice");
            hanging.cancel(true);
        }
    }
}
