package dev.switchboard.internal.call;

import static dev.switchboard.internal.upstream.FakeToolSession.hangs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.CallOptions;
import dev.switchboard.ErrorCode;
import dev.switchboard.SwitchboardException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * When a server's bulkhead (or the global limit) is full, a further call fails at once with OVERLOADED and never
 * reaches the server; the calls already running are not disturbed, and once they end calls go through again.
 */
class BulkheadRejectsWhenFullTest {

    @Test
    void aCallBeyondTheServersLimitIsOverloadedAndNotSent() throws Exception {
        try (var calls = FakeCalls.of(CallServers.bulkhead(2, Duration.ZERO))) {
            calls.session().on("hang", hangs());
            Running running = occupy(calls, "fake", 2);
            calls.session().awaitHanging(2);
            SwitchboardException e = calls.failure("echo");
            assertThat(e.code()).isEqualTo(ErrorCode.OVERLOADED);
            assertThat(e.getMessage()).contains("fake", "2 calls in flight", "max_concurrent_calls",
                    "tool 'echo' was not called");
            assertThat(calls.session().requests()).hasSize(2);
            assertThat(calls.stats().get(0).inFlight()).as("the running calls go on").isEqualTo(2);
            assertThat(running.interrupt()).containsOnly(ErrorCode.CANCELLED);
            assertThat(calls.call("echo").text()).contains("echo");
        }
    }

    @Test
    void theGlobalLimitBoundsCallsAcrossServers() throws Exception {
        try (var calls = new FakeCalls(CallServers.config(1,
                FakeCalls.server("a", CallServers.bulkhead(10, Duration.ZERO)),
                FakeCalls.server("b", CallServers.bulkhead(10, Duration.ZERO))))) {
            calls.session("a").on("hang", hangs());
            Running running = occupy(calls, "a", 1);
            calls.session("a").awaitHanging(1);
            SwitchboardException e = FakeCalls.failure(() -> calls.call("b", "echo",
                    CallOptions.DEFAULT));
            assertThat(e.code()).isEqualTo(ErrorCode.OVERLOADED);
            assertThat(e.getMessage()).contains("1 calls in flight", "orchestration.max_concurrent_calls");
            assertThat(calls.session("b").requests()).isEmpty();
            assertThat(running.interrupt()).containsOnly(ErrorCode.CANCELLED);
            assertThat(calls.call("b", "echo", CallOptions.DEFAULT).isError()).isFalse();
        }
    }

    /** Calls that hang until their thread is interrupted. */
    private record Running(List<Thread> threads, List<CompletableFuture<ErrorCode>> ends) {
        /** Interrupts them and returns how each ended. */
        List<ErrorCode> interrupt() {
            threads.forEach(Thread::interrupt);
            return ends.stream().map(CompletableFuture::join).toList();
        }
    }

    private static Running occupy(FakeCalls calls, String server, int n) {
        List<Thread> threads = new ArrayList<>();
        List<CompletableFuture<ErrorCode>> ends = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            var end = new CompletableFuture<ErrorCode>();
            ends.add(end);
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    calls.call(server, "hang", CallOptions.DEFAULT);
                    end.complete(null);
                } catch (SwitchboardException e) {
                    end.complete(e.code());
                }
            }));
        }
        return new Running(threads, ends);
    }
}
