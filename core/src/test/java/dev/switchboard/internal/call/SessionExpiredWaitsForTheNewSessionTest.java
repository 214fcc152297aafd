package dev.switchboard.internal.call;

import static dev.switchboard.internal.upstream.FakeToolSession.answers;
import static dev.switchboard.internal.upstream.FakeToolSession.failsAfterSending;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.CallOptions;
import dev.switchboard.ErrorCode;
import dev.switchboard.SwitchboardException;
import dev.switchboard.ToolResult;
import dev.switchboard.internal.upstream.FakeToolSession;
import dev.switchboard.internal.upstream.FakeToolSession.Request;
import dev.switchboard.internal.upstream.FakeToolSession.Wait;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A request refused because the server no longer knows its session (SESSION_EXPIRED) was not processed: the call
 * waits for the new session (at most {@code connect_timeout}, within its deadline) instead of a backoff, and sends
 * it again there, whatever the tool.
 */
class SessionExpiredWaitsForTheNewSessionTest {

    private static FakeCalls calls() {
        var calls = FakeCalls.of(FakeCalls.retries(3, Duration.ofSeconds(5)));
        calls.session().on("send", failsAfterSending(ErrorCode.SESSION_EXPIRED), answers("sent once"));
        return calls;
    }

    @Test
    void theRefusedRequestGoesOutAgainOnTheNewSessionWithoutABackoff() {
        try (var calls = calls()) {
            calls.session().onWait(FakeToolSession.newSessionAfter(Duration.ofMillis(5)));
            ToolResult r = calls.call("send");
            assertThat(r.text()).isEqualTo("sent once");
            assertThat(r.attempts()).isEqualTo(2);
            Duration connectTimeout = calls.session().options().connectTimeout();
            assertThat(calls.session().waits()).containsExactly(new Wait(1, connectTimeout));
            assertThat(calls.session().sent()).extracting(Request::session).containsExactly(1L, 2L);
            assertThat(calls.clock.elapsed()).as("no backoff").isEqualTo(Duration.ofMillis(5));
        }
    }

    @Test
    void theWaitIsBoundedByTheDeadline() {
        try (var calls = calls()) {
            SwitchboardException e = calls.failure("send", CallOptions.DEFAULT.withTimeout(Duration.ofSeconds(2)));
            assertThat(e.code()).isEqualTo(ErrorCode.SESSION_EXPIRED);
            assertThat(calls.session().waits()).containsExactly(new Wait(1, Duration.ofSeconds(2)));
            assertThat(calls.session().sent()).hasSize(1);
        }
    }

    @Test
    void withoutANewSessionInTimeTheCallFailsWithTheRefusal() {
        try (var calls = calls()) {
            SwitchboardException e = calls.failure("send");
            assertThat(e.code()).isEqualTo(ErrorCode.SESSION_EXPIRED);
            assertThat(e.getMessage()).doesNotContain("attempts");
            assertThat(calls.clock.elapsed()).isEqualTo(calls.session().options().connectTimeout());
            assertThat(calls.session().sent()).hasSize(1);
        }
    }
}
