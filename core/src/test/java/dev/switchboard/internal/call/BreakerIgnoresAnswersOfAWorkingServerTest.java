package dev.switchboard.internal.call;

import static dev.switchboard.internal.upstream.FakeToolSession.rpcError;
import static dev.switchboard.internal.upstream.FakeToolSession.silent;
import static dev.switchboard.internal.upstream.FakeToolSession.toolError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.BreakerState;
import dev.switchboard.CallOptions;
import dev.switchboard.ErrorCode;
import dev.switchboard.config.BreakerPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A tool's own error ({@code isError}) and a JSON-RPC error answer come from a server that works: they never open
 * its breaker, and they end a run of failures as a success does.
 */
class BreakerIgnoresAnswersOfAWorkingServerTest {

    private static FakeCalls calls(int window) {
        var breaker = BreakerPolicy.builder().failureThreshold(2).window(window).halfOpenCalls(1).build();
        var calls = FakeCalls.of(CallServers.breaker(breaker));
        calls.session().on("tool_error", toolError("no such row")).on("rpc_error", rpcError(-32602, "bad params"))
                .on("hang", silent());
        return calls;
    }

    @Test
    void toolErrorsAndJsonRpcErrorsNeverOpenIt() {
        try (var calls = calls(4)) {
            for (int i = 0; i < 10; i++) {
                assertThat(calls.call("tool_error").isError()).isTrue();
                var e = calls.failure("rpc_error");
                assertThat(e.code()).isEqualTo(ErrorCode.RPC_ERROR);
                assertThat(e.getMessage()).contains("bad params");
            }
            assertThat(calls.breaker()).isEqualTo(BreakerState.CLOSED);
            assertThat(calls.session().sent()).hasSize(20);
        }
    }

    @Test
    void theyBreakARunOfConsecutiveFailures() {
        try (var calls = calls(20)) {
            var shortCall = CallOptions.DEFAULT.withTimeout(Duration.ofMillis(100));
            calls.failure("hang", shortCall);
            calls.failure("rpc_error");
            calls.failure("hang", shortCall);
            calls.call("tool_error");
            calls.failure("hang", shortCall);
            assertThat(calls.breaker()).isEqualTo(BreakerState.CLOSED);
            calls.failure("hang", shortCall);
            assertThat(calls.breaker()).isEqualTo(BreakerState.OPEN);
        }
    }
}
