package dev.switchboard.internal.call;

import static dev.switchboard.internal.upstream.FakeToolSession.hangs;
import static dev.switchboard.internal.upstream.FakeToolSession.rpcError;
import static dev.switchboard.internal.upstream.FakeToolSession.toolError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.CallAllOptions;
import dev.switchboard.ErrorCode;
import dev.switchboard.Outcome;
import dev.switchboard.SwitchboardException;
import dev.switchboard.ToolCall;
import dev.switchboard.config.CallPolicy;
import dev.switchboard.internal.observe.LogGate;
import dev.switchboard.internal.upstream.FakeToolSession.Request;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code callAll} with fail-fast: the first failure cancels every other call (a request that went out is cancelled
 * on its server) and is thrown naming the failed call; a tool error ({@code isError}) counts as a failure; calls not
 * started yet are never sent. (That a real server hears the cancellations is
 * {@code it.CallAllFailFastCancelsOnTheServerTest}.)
 */
class CallAllFailFastCancelsTheRestTest {
    private static final CallAllOptions FAIL_FAST = CallAllOptions.DEFAULT.withPolicy(CallAllOptions.Policy.FAIL_FAST);

    private static FakeCalls calls() {
        var calls = FakeCalls.of(CallPolicy.DEFAULT);
        calls.session().on("hang", hangs()).on("invalid", rpcError(-32602, "bad id"))
                .on("broken", toolError("disk full"));
        return calls;
    }

    private static List<Outcome> callAll(FakeCalls calls, List<ToolCall> batch, CallAllOptions options) {
        return CallBatch.run(batch, options, (call, callOptions) -> calls.executor().call(calls.session(call.server()),
                calls.guard(), call.tool(), call.arguments(), callOptions), LogGate.ALL);
    }

    @Test
    void theFirstFailureCancelsTheOthersAndIsThrownNamingTheCall() {
        try (var calls = calls()) {
            List<ToolCall> batch = List.of(ToolCall.of("fake", "hang", Map.of("n", 0)),
                    ToolCall.of("fake", "hang", Map.of("n", 1)), ToolCall.of("fake", "hang", Map.of("n", 2)),
                    ToolCall.of("fake", "invalid", Map.of()));
            SwitchboardException e = FakeCalls.failure(() -> {
                callAll(calls, batch, FAIL_FAST.withMaxConcurrency(4));
                return null;
            });
            assertThat(e.code()).isEqualTo(ErrorCode.RPC_ERROR);
            assertThat(e.getMessage()).contains("call #3", "fake/invalid", "bad id");
            assertThat(e.server()).hasValue("fake");
            assertThat(e.tool()).hasValue("invalid");
            // Which hang calls went out before the failure depends on scheduling; each one that did is cancelled.
            List<Request> hangs = calls.session().sent().stream().filter(r -> r.tool().equals("hang")).toList();
            assertThat(hangs).allSatisfy(r -> assertThat(r.cancelledOnServer())
                    .isEqualTo("call #3 (fake/invalid) of the same batch failed"));
            assertThat(calls.session().requests()).filteredOn(r -> r.tool().equals("hang"))
                    .allSatisfy(r -> assertThat(r.error().code()).isEqualTo(ErrorCode.CANCELLED));
        }
    }

    @Test
    void aToolErrorIsAFailureForFailFast() {
        try (var calls = calls()) {
            SwitchboardException e = FakeCalls.failure(() -> {
                callAll(calls, List.of(ToolCall.of("fake", "broken", Map.of()), ToolCall.of("fake", "hang",
                        Map.of())), FAIL_FAST);
                return null;
            });
            assertThat(e.code()).isEqualTo(ErrorCode.TOOL_ERROR);
            assertThat(e.getMessage()).contains("call #0", "fake/broken", "disk full");
        }
    }

    @Test
    void callsNotYetStartedWhenOneFailsAreNeverSent() {
        try (var calls = calls()) {
            FakeCalls.failure(() -> {
                callAll(calls, List.of(ToolCall.of("fake", "invalid", Map.of()), ToolCall.of("fake", "echo",
                        Map.of("n", 1)), ToolCall.of("fake", "echo", Map.of("n", 2))), FAIL_FAST.withMaxConcurrency(1));
                return null;
            });
            assertThat(calls.session().requests()).extracting(Request::tool).containsExactly("invalid");
        }
    }

    @Test
    void withoutFailuresFailFastReturnsEveryResult() {
        try (var calls = calls()) {
            var outcomes = callAll(calls, List.of(ToolCall.of("fake", "echo", Map.of("n", 1)),
                    ToolCall.of("fake", "echo", Map.of("n", 2))), FAIL_FAST);
            assertThat(outcomes).extracting(o -> o.result().text()).containsExactly("{n=1}", "{n=2}");
        }
    }
}
