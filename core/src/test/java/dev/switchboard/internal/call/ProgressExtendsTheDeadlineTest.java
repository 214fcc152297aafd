package dev.switchboard.internal.call;

import static dev.switchboard.internal.upstream.FakeToolSession.reportsProgress;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.CallOptions;
import dev.switchboard.CallProgress;
import dev.switchboard.ErrorCode;
import dev.switchboard.SwitchboardException;
import dev.switchboard.ToolResult;
import dev.switchboard.internal.upstream.FakeToolSession.Request;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Progress reports reach the caller's callback and, with {@code progress_extends_deadline}, restart the call's
 * timeout, so a long call that keeps reporting is not killed; never beyond {@code max_total}. Without it the same
 * call times out. The tool reports 6 steps 200 ms apart (1.2 s in all, on the fake clock) against a 700 ms
 * timeout: every gap fits the timeout, the whole call does not. (That a real session moves the deadline of a
 * parked caller, on both kinds of thread, is {@code it.ExtendsDeadlinesOnServerProgressTest}; a timeout above
 * {@code max_total} is {@link TimesOutAtTheDeadlineTest}.)
 */
class ProgressExtendsTheDeadlineTest {
    private static final Duration TIMEOUT = Duration.ofMillis(700);
    private static final Duration STEP = Duration.ofMillis(200);

    private static FakeCalls calls(Duration maxTotal, boolean extend) {
        var calls = FakeCalls.of(CallServers.deadlines(maxTotal, extend));
        calls.session().on("crunch", reportsProgress(6, STEP));
        return calls;
    }

    @Test
    void progressReachesTheCallbackAndKeepsALongCallAlive() {
        List<CallProgress> seen = new CopyOnWriteArrayList<>();
        try (var calls = calls(Duration.ofMinutes(1), true)) {
            ToolResult r = calls.call("crunch", CallOptions.DEFAULT.withTimeout(TIMEOUT).withProgress(seen::add));
            assertThat(r.text()).isEqualTo("done after 6 steps");
            assertThat(r.duration()).isEqualTo(Duration.ofMillis(1200)).isGreaterThan(TIMEOUT);
        }
        assertThat(seen).extracting(CallProgress::progress).containsExactly(1.0, 2.0, 3.0, 4.0, 5.0, 6.0);
        assertThat(seen.get(0).total()).isEqualTo(6.0);
        assertThat(seen.get(0).message()).isEqualTo("step 1/6");
    }

    @Test
    void withoutExtensionTheSameCallTimesOutAndIsCancelled() {
        List<CallProgress> seen = new CopyOnWriteArrayList<>();
        try (var calls = calls(Duration.ofMinutes(1), false)) {
            SwitchboardException e = calls.failure("crunch",
                    CallOptions.DEFAULT.withTimeout(TIMEOUT).withProgress(seen::add));
            assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
            assertThat(calls.clock.elapsed()).isEqualTo(TIMEOUT);
            assertThat(calls.session().requests().get(0).cancelledOnServer()).isEqualTo("TIMEOUT");
        }
        assertThat(seen).extracting(CallProgress::progress).containsExactly(1.0, 2.0, 3.0);
    }

    @Test
    void progressNeverExtendsBeyondMaxTotal() {
        try (var calls = calls(Duration.ofMillis(900), true)) {
            assertThat(calls.failure("crunch", CallOptions.DEFAULT.withTimeout(TIMEOUT)).code())
                    .isEqualTo(ErrorCode.TIMEOUT);
            assertThat(calls.clock.elapsed()).isEqualTo(Duration.ofMillis(900));
        }
    }

    @Test
    void aRequestAsksForProgressOnlyWhenSomethingListensToIt() {
        try (var calls = calls(Duration.ofMinutes(1), false)) {
            calls.call("echo");
            calls.call("echo", CallOptions.DEFAULT.withProgress(p -> { }));
            assertThat(calls.session().requests()).extracting(Request::progressToken).containsExactly(false, true);
        }
        try (var calls = calls(Duration.ofMinutes(1), true)) {
            calls.call("echo");
            assertThat(calls.session().requests()).extracting(Request::progressToken).containsExactly(true);
        }
    }
}
