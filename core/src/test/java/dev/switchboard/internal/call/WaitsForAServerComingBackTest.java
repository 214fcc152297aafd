package dev.switchboard.internal.call;

import static dev.switchboard.internal.upstream.FakeToolSession.answers;
import static dev.switchboard.internal.upstream.FakeToolSession.failsAfterSending;
import static dev.switchboard.internal.upstream.FakeToolSession.newSessionAfter;
import static dev.switchboard.internal.upstream.FakeToolSession.tool;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.CallAllOptions;
import dev.switchboard.CallOptions;
import dev.switchboard.ErrorCode;
import dev.switchboard.Outcome;
import dev.switchboard.ServerState;
import dev.switchboard.ToolCall;
import dev.switchboard.config.CallPolicy;
import dev.switchboard.internal.observe.LogGate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A call to a server that is restarting or reconnecting waits for it within its own deadline and goes out once it is
 * back; it fails at once only when the caller asked not to wait. A failed call reports what really happened: the
 * failure of the request that went out, not that the server was then coming back.
 */
class WaitsForAServerComingBackTest {

    @Test
    void aCallWaitsForTheRestartAndGoesOutOnce() {
        try (var calls = FakeCalls.of(CallPolicy.DEFAULT)) {
            calls.session().state(ServerState.RETRYING);
            calls.session().on("echo", answers("served by the new process"));
            calls.session().onWait(newSessionAfter(Duration.ofMillis(300)));

            var r = calls.call("echo");

            assertThat(r.text()).isEqualTo("served by the new process");
            assertThat(r.attempts()).isEqualTo(1);
            assertThat(calls.session().requests()).singleElement()
                    .satisfies(q -> assertThat(q.session()).isEqualTo(2));
            assertThat(r.duration()).isEqualTo(Duration.ofMillis(300));
        }
    }

    @Test
    void aCallerThatWillNotWaitFailsAtOnceWithoutSendingAnything() {
        try (var calls = FakeCalls.of(CallPolicy.DEFAULT)) {
            calls.session().state(ServerState.RETRYING, ErrorCode.UNREACHABLE, "connection refused at http://x/mcp");

            var e = calls.failure("echo", CallOptions.DEFAULT.withWaitForReady(false));

            assertThat(e.code()).isEqualTo(ErrorCode.SERVER_UNAVAILABLE);
            assertThat(e.getMessage()).isEqualTo("server 'fake' is RETRYING (Switchboard keeps reconnecting); tool"
                    + " 'echo' was not called; the last failure: UNREACHABLE: connection refused at http://x/mcp");
            assertThat(calls.session().requests()).isEmpty();
            assertThat(calls.session().waits()).isEmpty();
        }
    }

    @Test
    void aBatchThatWillNotWaitFailsEachCallAtOnceWithoutSendingAnything() {
        try (var calls = FakeCalls.of(CallPolicy.DEFAULT)) {
            calls.session().state(ServerState.RETRYING);
            List<ToolCall> batch = List.of(ToolCall.of("fake", "echo", Map.of()), ToolCall.of("fake", "echo", Map.of()));

            List<Outcome> outcomes = CallBatch.run(batch, CallAllOptions.DEFAULT.withWaitForReady(false),
                    (call, options) -> calls.executor().call(calls.session(), calls.guard(), call.tool(),
                            call.arguments(), options), LogGate.ALL);

            assertThat(outcomes).hasSize(2)
                    .allSatisfy(o -> assertThat(o.error().code()).isEqualTo(ErrorCode.SERVER_UNAVAILABLE));
            assertThat(calls.session().requests()).isEmpty();
            assertThat(calls.session().waits()).isEmpty();
        }
    }

    @Test
    void aServerThatDoesNotComeBackInTimeIsUnavailableAndWasNeverCalled() {
        try (var calls = FakeCalls.of(CallPolicy.DEFAULT)) {
            calls.session().state(ServerState.RETRYING); // the whole wait passes on the clock, still retrying

            var e = calls.failure("echo", CallOptions.DEFAULT.withTimeout(Duration.ofSeconds(2)));

            assertThat(e.code()).isEqualTo(ErrorCode.SERVER_UNAVAILABLE);
            assertThat(e.getMessage()).contains("did not become ready within the call's deadline", "not called");
            assertThat(calls.session().requests()).isEmpty();
            assertThat(calls.clock.elapsed()).isEqualTo(Duration.ofSeconds(2));
        }
    }

    @Test
    void anIdempotentCallCutOffByACrashReportsTheCrashWhenTheServerDoesNotComeBackInTime() {
        try (var calls = FakeCalls.of(CallPolicy.DEFAULT)) {
            calls.session().tools(tool("lookup", true, false));
            calls.session().on("lookup", x -> {
                calls.session().state(ServerState.RETRYING); // the process dies under the request
                return failsAfterSending(ErrorCode.PROCESS_EXITED).answer(x);
            });

            var e = calls.failure("lookup", CallOptions.DEFAULT.withTimeout(Duration.ofSeconds(2)));

            assertThat(e.code()).as("the real cause, not SERVER_UNAVAILABLE").isEqualTo(ErrorCode.PROCESS_EXITED);
            assertThat(e.getMessage()).contains("then the server did not become ready within the call's deadline");
            assertThat(calls.session().sent()).hasSize(1);
        }
    }
}
