package dev.switchboard.internal.call;

import static dev.switchboard.internal.upstream.FakeToolSession.failsAfterSending;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.BreakerState;
import dev.switchboard.ErrorCode;
import dev.switchboard.config.BreakerPolicy;
import dev.switchboard.internal.call.FakeCalls.Transition;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The breaker counts incidents, not their casualties: the calls that were in flight when a failure was counted (one
 * process died under all of them) are one failure; a call that began after it and fails too is another. A new
 * session starts the breaker afresh.
 */
class BreakerCountsIncidentsNotCasualtiesTest {
    private static final BreakerPolicy TWO_IN_A_ROW = BreakerPolicy.builder().failureThreshold(2).build();

    @Test
    void callsInFlightWhenTheProcessDiedAreOneFailure() {
        try (var calls = FakeCalls.of(CallServers.breaker(TWO_IN_A_ROW))) {
            ServerGuard guard = calls.guard();
            List<ServerGuard.Permit> inFlight = IntStream.range(0, 8).mapToObj(i -> guard.enter("work")).toList();
            calls.clock.advance(Duration.ofMillis(5)); // the process dies under all eight
            inFlight.forEach(p -> p.end(ErrorCode.PROCESS_EXITED, 1));
            assertThat(calls.breaker()).as("one incident of two allowed in a row").isEqualTo(BreakerState.CLOSED);

            calls.clock.advance(Duration.ofMillis(1));
            // Began after the incident, on the restarted process: its failure is news.
            ServerGuard.Permit later = guard.enter("work");
            calls.clock.advance(Duration.ofMillis(5));
            later.end(ErrorCode.PROCESS_EXITED, 2);
            assertThat(calls.breaker()).isEqualTo(BreakerState.OPEN);
        }
    }

    @Test
    void aStallCostsOneFailurePerWaveOfTimeouts() {
        try (var calls = FakeCalls.of(CallServers.breaker(BreakerPolicy.builder().failureThreshold(3).build()))) {
            ServerGuard guard = calls.guard();
            for (int wave = 0; wave < 2; wave++) {
                List<ServerGuard.Permit> callers = IntStream.range(0, 20).mapToObj(i -> guard.enter("q")).toList();
                calls.clock.advance(Duration.ofSeconds(2)); // every caller times out together
                callers.forEach(p -> p.end(ErrorCode.TIMEOUT, 1));
            }
            assertThat(calls.breaker()).as("40 timeouts in two waves are two failures").isEqualTo(BreakerState.CLOSED);
        }
    }

    @Test
    void aNewSessionStartsTheBreakerAfresh() {
        try (var calls = FakeCalls.of(CallServers.breaker(TWO_IN_A_ROW))) {
            calls.session().on("send", failsAfterSending(ErrorCode.TIMEOUT));
            calls.failure("send");
            calls.failure("send");
            assertThat(calls.breaker()).isEqualTo(BreakerState.OPEN);

            calls.guard().startAfresh();

            assertThat(calls.breaker()).isEqualTo(BreakerState.CLOSED);
            assertThat(calls.transitions).extracting(Transition::to)
                    .containsExactly(BreakerState.OPEN, BreakerState.CLOSED);
            calls.failure("send");
            assertThat(calls.breaker()).as("the old session's failures are forgotten").isEqualTo(BreakerState.CLOSED);
        }
    }
}
