package dev.switchboard.internal.call;

import static dev.switchboard.internal.upstream.FakeToolSession.answers;
import static dev.switchboard.internal.upstream.FakeToolSession.failsAfterSending;
import static dev.switchboard.internal.upstream.FakeToolSession.hangs;
import static dev.switchboard.internal.upstream.FakeToolSession.tool;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.CallOptions;
import dev.switchboard.CancellationToken;
import dev.switchboard.ErrorCode;
import dev.switchboard.SwitchboardException;
import dev.switchboard.internal.upstream.FakeToolSession.Request;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Cancelling a call's token ends the attempt running now with CANCELLED (giving the token's reason; a request that
 * went out is cancelled on the server) and prevents any further attempt; a token cancelled before the call means
 * nothing is sent.
 */
class CancellationTokenStopsTheCallTest {

    @Test
    void cancellingTheTokenEndsTheRunningAttemptAndCancelsItOnTheServer() throws Exception {
        try (var calls = FakeCalls.of(FakeCalls.retries(3, Duration.ofMillis(200)))) {
            calls.session().tools(tool("crawl", true, true)).on("crawl", hangs());
            var token = new CancellationToken();
            var failure = CompletableFuture.supplyAsync(() -> calls.failure("crawl",
                    CallOptions.DEFAULT.withCancellation(token)), r -> Thread.ofVirtual().start(r));
            calls.session().awaitHanging(1);
            token.cancel("user pressed stop");
            SwitchboardException e = failure.get();
            assertThat(e.code()).isEqualTo(ErrorCode.CANCELLED);
            assertThat(e.getMessage()).contains("fake", "crawl", "user pressed stop");
            assertThat(calls.session().requests()).as("read-only, yet not tried again").singleElement()
                    .extracting(Request::cancelledOnServer).isEqualTo("user pressed stop");
            assertThat(calls.clock.elapsed()).isZero();
        }
    }

    @Test
    void aTokenCancelledBetweenAttemptsPreventsTheNextOne() {
        try (var calls = FakeCalls.of(FakeCalls.retries(3, Duration.ofMillis(200)))) {
            var token = new CancellationToken();
            calls.session().tools(tool("lookup", true, false))
                    .on("lookup", failsAfterSending(ErrorCode.UNREACHABLE), answers("found"))
                    .onWait((session, after, max) -> {
                        token.cancel("enough");
                        return false;
                    });
            SwitchboardException e = calls.failure("lookup", CallOptions.DEFAULT.withCancellation(token));
            assertThat(e.code()).isEqualTo(ErrorCode.CANCELLED);
            assertThat(e.getMessage()).contains("enough");
            assertThat(calls.session().sent()).hasSize(1);
        }
    }

    @Test
    void aTokenCancelledBeforeTheCallNeverSendsIt() {
        try (var calls = FakeCalls.of(FakeCalls.retries(3, Duration.ofMillis(200)))) {
            var token = new CancellationToken();
            token.cancel();
            assertThat(calls.failure("echo", CallOptions.DEFAULT.withCancellation(token)).code())
                    .isEqualTo(ErrorCode.CANCELLED);
            assertThat(calls.session().sent()).isEmpty();
            assertThat(calls.session().requests()).hasSize(1);
        }
    }
}
