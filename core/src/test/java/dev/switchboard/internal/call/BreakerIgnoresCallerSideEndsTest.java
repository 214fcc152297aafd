package dev.switchboard.internal.call;

import static dev.switchboard.internal.upstream.FakeToolSession.hangs;
import static dev.switchboard.internal.upstream.FakeToolSession.silent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.BreakerState;
import dev.switchboard.CallOptions;
import dev.switchboard.CancellationToken;
import dev.switchboard.ErrorCode;
import dev.switchboard.ServerState;
import dev.switchboard.SwitchboardException;
import dev.switchboard.config.BreakerPolicy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A call the caller ends (a cancelled token, an interrupt) or that meets a connection being shut down says nothing
 * about the server's health: it never counts against the breaker, and a trial call ended so frees its trial slot.
 */
class BreakerIgnoresCallerSideEndsTest {

    private static FakeCalls calls() {
        var breaker = BreakerPolicy.builder().failureThreshold(2).window(4).halfOpenCalls(1).build();
        var calls = FakeCalls.of(CallServers.breaker(breaker));
        calls.session().on("slow", hangs()).on("hang", silent());
        return calls;
    }

    @Test
    void cancelledInterruptedAndShutDownCallsNeverOpenIt() throws Exception {
        try (var calls = calls()) {
            for (int i = 0; i < 3; i++) {
                var token = new CancellationToken();
                var cancelled = inBackground(calls, CallOptions.DEFAULT.withCancellation(token));
                calls.session().awaitHanging(1);
                token.cancel();
                assertThat(cancelled.get().code()).isEqualTo(ErrorCode.CANCELLED);

                var interrupted = new AtomicReference<SwitchboardException>();
                Thread t = Thread.ofVirtual().start(() -> interrupted.set(calls.failure("slow")));
                calls.session().awaitHanging(1);
                t.interrupt();
                t.join();
                assertThat(interrupted.get().code()).isEqualTo(ErrorCode.CANCELLED);
            }
            calls.session().state(ServerState.CLOSED);
            for (int i = 0; i < 3; i++) {
                assertThat(calls.failure("echo").code()).isEqualTo(ErrorCode.SHUTTING_DOWN);
            }
            assertThat(calls.breaker()).isEqualTo(BreakerState.CLOSED);
            assertThat(calls.transitions).isEmpty();
        }
    }

    @Test
    void aCancelledTrialCallLeavesItsSlotToTheNext() {
        try (var calls = calls()) {
            var shortCall = CallOptions.DEFAULT.withTimeout(Duration.ofMillis(100));
            calls.failure("hang", shortCall);
            calls.failure("hang", shortCall);
            calls.clock.advance(Duration.ofSeconds(61));
            var token = new CancellationToken();
            token.cancel();
            assertThat(calls.failure("echo", CallOptions.DEFAULT.withCancellation(token)).code())
                    .isEqualTo(ErrorCode.CANCELLED);
            assertThat(calls.breaker()).isEqualTo(BreakerState.HALF_OPEN);
            assertThat(calls.call("echo").isError()).as("the one trial slot is free again").isFalse();
            assertThat(calls.breaker()).isEqualTo(BreakerState.CLOSED);
        }
    }

    private static CompletableFuture<SwitchboardException> inBackground(FakeCalls calls, CallOptions options) {
        return CompletableFuture.supplyAsync(() -> calls.failure("slow", options), r -> Thread.ofVirtual().start(r));
    }
}
