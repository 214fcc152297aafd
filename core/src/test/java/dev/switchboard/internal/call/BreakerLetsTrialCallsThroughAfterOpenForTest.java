package dev.switchboard.internal.call;

import static dev.switchboard.internal.upstream.FakeToolSession.hangs;
import static dev.switchboard.internal.upstream.FakeToolSession.silent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.BreakerState;
import dev.switchboard.CallOptions;
import dev.switchboard.ErrorCode;
import dev.switchboard.SwitchboardException;
import dev.switchboard.config.BreakerPolicy;
import dev.switchboard.internal.call.FakeCalls.Transition;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * After {@code open_for}, an open breaker lets {@code half_open_calls} trial calls through: it closes when they
 * succeed and opens again when one fails; while the trials run, other calls still fail at once.
 */
class BreakerLetsTrialCallsThroughAfterOpenForTest {
    private static final CallOptions SHORT = CallOptions.DEFAULT.withTimeout(Duration.ofMillis(100));

    private static FakeCalls openBreaker(int halfOpenCalls) {
        var breaker = BreakerPolicy.builder().failureThreshold(2).halfOpenCalls(halfOpenCalls).build();
        var calls = FakeCalls.of(CallServers.breaker(breaker));
        calls.session().on("hang", silent());
        calls.failure("hang", SHORT);
        calls.failure("hang", SHORT);
        assertThat(calls.breaker()).isEqualTo(BreakerState.OPEN);
        return calls;
    }

    @Test
    void afterOpenForTrialCallsGoThroughAndSuccessesCloseIt() {
        try (var calls = openBreaker(3)) {
            var opened = calls.clock.instant();
            calls.clock.advance(Duration.ofSeconds(59));
            assertThat(calls.failure("echo").code()).isEqualTo(ErrorCode.CIRCUIT_OPEN);
            assertThat(calls.session().requests()).hasSize(2);

            calls.clock.advance(Duration.ofSeconds(2));
            var halfOpened = calls.clock.instant();
            assertThat(calls.call("echo").isError()).isFalse();
            assertThat(calls.breaker()).isEqualTo(BreakerState.HALF_OPEN);
            calls.call("echo");
            calls.clock.advance(Duration.ofSeconds(1));
            calls.call("echo");
            assertThat(calls.breaker()).isEqualTo(BreakerState.CLOSED);
            assertThat(calls.guard().changedAt()).isEqualTo(calls.clock.instant());
            assertThat(calls.transitions).containsExactly(
                    new Transition("fake", BreakerState.CLOSED, BreakerState.OPEN, opened),
                    new Transition("fake", BreakerState.OPEN, BreakerState.HALF_OPEN, halfOpened),
                    new Transition("fake", BreakerState.HALF_OPEN, BreakerState.CLOSED, calls.clock.instant()));
        }
    }

    @Test
    void aFailedTrialCallOpensItAgain() {
        try (var calls = openBreaker(1)) {
            calls.clock.advance(Duration.ofSeconds(61));
            assertThat(calls.failure("hang", SHORT).code()).isEqualTo(ErrorCode.TIMEOUT);
            assertThat(calls.breaker()).isEqualTo(BreakerState.OPEN);
            assertThat(calls.transitions).extracting(Transition::to).containsExactly(BreakerState.OPEN,
                    BreakerState.HALF_OPEN, BreakerState.OPEN);
            assertThat(calls.failure("echo").code()).isEqualTo(ErrorCode.CIRCUIT_OPEN);
            assertThat(calls.session().requests()).hasSize(3);
        }
    }

    @Test
    void whileTheTrialCallsRunOtherCallsFailAtOnce() throws Exception {
        try (var calls = openBreaker(1)) {
            calls.session().on("slow", hangs());
            calls.clock.advance(Duration.ofSeconds(61));
            var trial = CompletableFuture.supplyAsync(() -> calls.failure("slow"), r -> Thread.ofVirtual().start(r));
            calls.session().awaitHanging(1);
            SwitchboardException refused = calls.failure("echo");
            assertThat(refused.code()).isEqualTo(ErrorCode.CIRCUIT_OPEN);
            assertThat(refused.getMessage()).contains("its trial calls have ended");
            calls.clock.advance(Duration.ofSeconds(60)); // the trial's deadline (request_timeout) passes
            assertThat(trial.get().code()).isEqualTo(ErrorCode.TIMEOUT);
            assertThat(calls.breaker()).isEqualTo(BreakerState.OPEN);
            assertThat(calls.session().requests()).extracting(r -> r.tool()).containsExactly("hang", "hang", "slow");
        }
    }
}
