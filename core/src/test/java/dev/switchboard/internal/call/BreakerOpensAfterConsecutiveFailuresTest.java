package dev.switchboard.internal.call;

import static dev.switchboard.internal.upstream.FakeToolSession.failsAfterSending;
import static dev.switchboard.internal.upstream.FakeToolSession.silent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.BreakerState;
import dev.switchboard.CallOptions;
import dev.switchboard.ErrorCode;
import dev.switchboard.config.BreakerPolicy;
import dev.switchboard.internal.call.FakeCalls.Transition;
import dev.switchboard.internal.upstream.FakeToolSession;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A server's breaker opens after {@code failure_threshold} consecutive failures (timeouts and transport errors),
 * and an open breaker fails calls at once with CIRCUIT_OPEN, without calling the server.
 */
class BreakerOpensAfterConsecutiveFailuresTest {
    private static final CallOptions SHORT = CallOptions.DEFAULT.withTimeout(Duration.ofMillis(100));

    @Test
    void fiveConsecutiveTimeoutsOpenItAndCallsThenFailAtOnceWithoutReachingTheServer() {
        try (var calls = FakeCalls.of(CallServers.breaker(BreakerPolicy.DEFAULT))) {
            calls.session().on("hang", silent());
            for (int i = 0; i < 4; i++) {
                assertThat(calls.failure("hang", SHORT).code()).isEqualTo(ErrorCode.TIMEOUT);
            }
            assertThat(calls.breaker()).isEqualTo(BreakerState.CLOSED);
            assertThat(calls.transitions).isEmpty();

            assertThat(calls.failure("hang", SHORT).code()).isEqualTo(ErrorCode.TIMEOUT);
            assertThat(calls.breaker()).isEqualTo(BreakerState.OPEN);
            assertThat(calls.guard().changedAt()).isEqualTo(calls.clock.instant());
            assertThat(calls.transitions).containsExactly(
                    new Transition("fake", BreakerState.CLOSED, BreakerState.OPEN, calls.clock.instant()));

            var open = calls.failure("echo");
            assertThat(open.code()).isEqualTo(ErrorCode.CIRCUIT_OPEN);
            assertThat(open.getMessage()).contains("fake", "circuit breaker is open",
                    calls.clock.instant().plus(Duration.ofSeconds(60)).toString());
            assertThat(calls.session().requests()).extracting(FakeToolSession.Request::tool)
                    .containsOnly("hang").hasSize(5);
            assertThat(calls.stats().get(0).breaker()).isEqualTo(BreakerState.OPEN);
        }
    }

    /** Every failure that says the server or the way to it is in trouble counts. */
    @ParameterizedTest
    @EnumSource(value = ErrorCode.class, names = {"TIMEOUT", "OVERLOADED", "PROTOCOL_MISMATCH", "AUTH_FAILED",
            "INTERNAL"})
    void everyTransportFailureCounts(ErrorCode code) {
        try (var calls = FakeCalls.of(CallServers.breaker(BreakerPolicy.builder().failureThreshold(2).build()))) {
            calls.session().on("send", failsAfterSending(code));
            assertThat(calls.failure("send").code()).isEqualTo(code);
            assertThat(calls.breaker()).isEqualTo(BreakerState.CLOSED);
            assertThat(calls.failure("send").code()).isEqualTo(code);
            assertThat(calls.breaker()).isEqualTo(BreakerState.OPEN);
        }
    }

    /**
     * A broken connection, an exited process or an expired session counts once per session: the calls that meet the
     * dead pooled connections of a killed server one after another are one incident, not a failing server.
     */
    @ParameterizedTest
    @EnumSource(value = ErrorCode.class, names = {"UNREACHABLE", "PROCESS_EXITED", "SESSION_EXPIRED"})
    void aBrokenSessionCountsOnce(ErrorCode code) {
        try (var calls = FakeCalls.of(CallServers.breaker(BreakerPolicy.builder().failureThreshold(2).build()))) {
            calls.session().on("send", failsAfterSending(code));
            for (int i = 0; i < 4; i++) {
                assertThat(calls.failure("send").code()).isEqualTo(code);
            }
            assertThat(calls.breaker()).isEqualTo(BreakerState.CLOSED);

            calls.session().newSession(); // (no startAfresh here: the engine's, on READY, is not part of this test)
            assertThat(calls.failure("send").code()).isEqualTo(code);
            assertThat(calls.breaker()).as("the next session's break counts again").isEqualTo(BreakerState.OPEN);
        }
    }

    @Test
    void aSuccessInBetweenStartsTheCountAgain() {
        var breaker = BreakerPolicy.builder().failureThreshold(3).failureRate(100).build();
        try (var calls = FakeCalls.of(CallServers.breaker(breaker))) {
            calls.session().on("hang", silent());
            for (int round = 0; round < 3; round++) {
                calls.failure("hang", SHORT);
                calls.failure("hang", SHORT);
                calls.call("echo");
            }
            assertThat(calls.breaker()).isEqualTo(BreakerState.CLOSED);
            calls.failure("hang", SHORT);
            calls.failure("hang", SHORT);
            calls.failure("hang", SHORT);
            assertThat(calls.breaker()).isEqualTo(BreakerState.OPEN);
        }
    }
}
