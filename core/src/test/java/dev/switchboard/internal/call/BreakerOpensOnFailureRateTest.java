package dev.switchboard.internal.call;

import static dev.switchboard.internal.upstream.FakeToolSession.silent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.BreakerState;
import dev.switchboard.CallOptions;
import dev.switchboard.ErrorCode;
import dev.switchboard.config.BreakerPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A breaker also opens when the failures among the last {@code window} calls reach {@code failure_rate}, with no
 * run of consecutive failures; the rate is taken only once the window is full.
 */
class BreakerOpensOnFailureRateTest {
    private static final CallOptions SHORT = CallOptions.DEFAULT.withTimeout(Duration.ofMillis(100));

    private static FakeCalls calls(int failureRate) {
        var breaker = BreakerPolicy.builder().failureThreshold(100).failureRate(failureRate).window(4).build();
        var calls = FakeCalls.of(CallServers.breaker(breaker));
        calls.session().on("hang", silent());
        return calls;
    }

    @Test
    void halfOfTheLastFourCallsFailingOpensItWithoutConsecutiveFailures() {
        try (var calls = calls(50)) {
            assertThat(calls.failure("hang", SHORT).code()).isEqualTo(ErrorCode.TIMEOUT);
            calls.call("echo");
            assertThat(calls.failure("hang", SHORT).code()).isEqualTo(ErrorCode.TIMEOUT);
            assertThat(calls.breaker()).as("the window is not full yet").isEqualTo(BreakerState.CLOSED);
            calls.call("echo");
            assertThat(calls.breaker()).isEqualTo(BreakerState.OPEN);
            assertThat(calls.failure("echo").code()).isEqualTo(ErrorCode.CIRCUIT_OPEN);
        }
    }

    @Test
    void aRateBelowTheThresholdKeepsItClosed() {
        try (var calls = calls(75)) {
            for (int i = 0; i < 5; i++) {
                calls.failure("hang", SHORT);
                calls.call("echo");
            }
            assertThat(calls.breaker()).isEqualTo(BreakerState.CLOSED);
            assertThat(calls.transitions).isEmpty();
        }
    }
}
