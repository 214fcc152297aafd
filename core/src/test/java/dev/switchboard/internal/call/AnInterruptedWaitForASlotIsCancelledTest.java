package dev.switchboard.internal.call;

import static dev.switchboard.internal.upstream.FakeToolSession.hangs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.ErrorCode;
import dev.switchboard.SwitchboardException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A call waiting in a full bulkhead's queue ({@code queue_wait}) whose thread is interrupted ends at once with
 * CANCELLED, not OVERLOADED, and is never sent.
 */
class AnInterruptedWaitForASlotIsCancelledTest {

    @Test
    void anInterruptedQueueWaitEndsTheCallWithCancelled() throws Exception {
        try (var calls = FakeCalls.of(CallServers.bulkhead(1, Duration.ofMinutes(10)))) {
            calls.session().on("hang", hangs());
            Thread holder = Thread.ofVirtual().start(() -> calls.failure("hang"));
            calls.session().awaitHanging(1);

            var failure = new CompletableFuture<SwitchboardException>();
            Thread waiter = Thread.ofVirtual().start(() -> failure.complete(calls.failure("echo")));
            // Parked in the bulkhead's semaphore (the only place this call can wait: the session is never reached).
            Awaitility.await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                    .until(() -> waiter.getState() == Thread.State.TIMED_WAITING);
            waiter.interrupt();
            SwitchboardException e = failure.get();
            assertThat(e.code()).isEqualTo(ErrorCode.CANCELLED);
            assertThat(e.getMessage()).contains("interrupted while waiting for a free slot");
            assertThat(calls.session().requests()).extracting(r -> r.tool()).containsExactly("hang");
            holder.interrupt();
            holder.join();
        }
    }
}
