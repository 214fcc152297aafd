package dev.switchboard.it;

import static dev.switchboard.it.UserFixture.as;
import static dev.switchboard.it.UserFixture.whoami;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.EngineOf;
import dev.switchboard.Switchboard;
import dev.switchboard.testing.RunningFakeServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A user's session unused for the idle timeout is closed, read on the injected clock (no test waits for real time);
 * one used within it is kept, and the user's next call after the closing opens a new session.
 */
class ClosesIdleUserSessionsTest {

    @Test
    void closesASessionIdleForTheIdleTimeoutAndOpensANewOneOnTheNextCall() {
        var clock = new SteppingClock();
        try (RunningFakeServer fake = UserFixture.server();
                var sb = Switchboard.builder(UserFixture.config(fake)).clock(clock)
                        .userSessions(8, Duration.ofMinutes(5)).start()) {
            var pool = EngineOf.engine(sb).userSessions();
            String first = whoami(sb, as("alice"));
            whoami(sb, as("bob"));

            clock.advance(Duration.ofMinutes(4));
            whoami(sb, as("bob")); // bob stays busy; alice does not
            pool.closeIdle();
            assertThat(pool.users("svc")).containsExactlyInAnyOrder("alice", "bob");

            clock.advance(Duration.ofMinutes(1));
            pool.closeIdle();
            assertThat(pool.users("svc")).as("alice idle for 5 minutes").containsExactly("bob");

            String second = whoami(sb, as("alice"));
            assertThat(second).startsWith("user=alice ").isNotEqualTo(first);
            assertThat(pool.users("svc")).containsExactly("bob", "alice");
        }
    }
}
