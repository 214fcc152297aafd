package dev.switchboard.internal.call;

import static dev.switchboard.internal.upstream.FakeToolSession.answers;
import static dev.switchboard.internal.upstream.FakeToolSession.failsUnsent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.CallOptions;
import dev.switchboard.ErrorCode;
import dev.switchboard.ServerState;
import dev.switchboard.SwitchboardException;
import dev.switchboard.ToolResult;
import dev.switchboard.config.ServerOptions;
import dev.switchboard.internal.upstream.FakeToolSession;
import dev.switchboard.internal.upstream.FakeToolSession.Wait;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Between tries a call waits {@code retry_backoff}, doubled each time, but never more than half the time its
 * deadline leaves, and not at all when that is too little; a new session cuts the wait short, and a server that
 * failed for good is not waited for.
 */
class RetryBackoffStaysWithinTheDeadlineTest {

    private static FakeCalls calls(int attempts, Duration backoff) {
        return FakeCalls.of(FakeCalls.retries(attempts, backoff));
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    @Test
    void theBackoffDoublesBetweenTries() {
        try (var calls = calls(4, ms(200))) {
            calls.session().on("echo", failsUnsent(ErrorCode.UNREACHABLE));
            assertThat(calls.failure("echo").getMessage()).endsWith("(after 4 attempts)");
            assertThat(calls.session().waits()).extracting(Wait::max).containsExactly(ms(200), ms(400), ms(800));
            assertThat(calls.clock.elapsed()).isEqualTo(ms(1400));
        }
    }

    @Test
    void waitsAreBoundedByTheDeadlineAndTheCallEndsBeforeIt() {
        try (var calls = calls(10, ms(400))) {
            calls.session().on("echo", failsUnsent(ErrorCode.UNREACHABLE));
            SwitchboardException e = calls.failure("echo", CallOptions.DEFAULT.withTimeout(Duration.ofSeconds(1)));
            assertThat(e.code()).isEqualTo(ErrorCode.UNREACHABLE);
            // 1 s left: 400 ms; 600 ms left: 300 ms (half); 300 ms left is not more than half the next 1.6 s: stop.
            assertThat(calls.session().waits()).extracting(Wait::max).containsExactly(ms(400), ms(300));
            assertThat(e.getMessage()).endsWith("(after 3 attempts)");
            assertThat(calls.clock.elapsed()).isEqualTo(ms(700));
        }
    }

    @Test
    void aNewSessionCutsTheWaitShort() {
        try (var calls = calls(3, Duration.ofSeconds(20))) {
            calls.session().state(ServerState.RETRYING); // not connected: nothing is sent
            calls.session().on("echo", answers("back"));
            calls.session().onWait(FakeToolSession.newSessionAfter(ms(50)));
            ToolResult r = calls.call("echo");
            assertThat(r.text()).isEqualTo("back");
            assertThat(r.attempts()).as("it waited for the server, then went out once").isEqualTo(1);
            assertThat(calls.session().waits()).as("within the call's whole deadline")
                    .containsExactly(new Wait(-1, ServerOptions.DEFAULT.requestTimeout()));
            assertThat(calls.clock.elapsed()).isEqualTo(ms(50));
            assertThat(r.duration()).isEqualTo(ms(50));
        }
    }

    @Test
    void aServerStillReconnectingIsTriedAgainAfterTheWholeWait() {
        try (var calls = calls(2, ms(200))) {
            calls.session().on("echo", failsUnsent(ErrorCode.UNREACHABLE));
            calls.failure("echo");
            assertThat(calls.session().requests()).hasSize(2);
        }
    }

    @Test
    void aServerThatFailedForGoodIsNotWaitedFor() {
        try (var calls = calls(3, ms(200))) {
            calls.session().state(ServerState.FAILED);
            SwitchboardException e = calls.failure("echo");
            assertThat(e.code()).isEqualTo(ErrorCode.SERVER_UNAVAILABLE);
            assertThat(calls.session().requests()).hasSize(1);
            assertThat(calls.clock.elapsed()).isZero();
        }
    }

    @Test
    void anInterruptedWaitEndsTheCallAndKeepsTheInterrupt() throws Exception {
        try (var calls = calls(3, ms(200))) {
            calls.session().on("echo", failsUnsent(ErrorCode.UNREACHABLE), answers("too late"));
            calls.session().onWait((s, after, max) -> {
                throw new InterruptedException();
            });
            var interrupted = new AtomicBoolean();
            var code = new AtomicReference<ErrorCode>();
            Thread t = Thread.ofVirtual().start(() -> {
                try {
                    calls.call("echo");
                } catch (SwitchboardException e) {
                    code.set(e.code());
                }
                interrupted.set(Thread.currentThread().isInterrupted());
            });
            t.join();
            assertThat(code).hasValue(ErrorCode.UNREACHABLE);
            assertThat(interrupted).isTrue();
            assertThat(calls.session().requests()).hasSize(1);
        }
    }
}
