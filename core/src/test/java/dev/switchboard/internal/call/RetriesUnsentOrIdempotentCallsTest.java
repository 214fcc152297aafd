package dev.switchboard.internal.call;

import static dev.switchboard.internal.upstream.FakeToolSession.answers;
import static dev.switchboard.internal.upstream.FakeToolSession.failsAfterSending;
import static dev.switchboard.internal.upstream.FakeToolSession.failsUnsent;
import static dev.switchboard.internal.upstream.FakeToolSession.silent;
import static dev.switchboard.internal.upstream.FakeToolSession.tool;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.CallOptions;
import dev.switchboard.ErrorCode;
import dev.switchboard.ServerState;
import dev.switchboard.SwitchboardException;
import dev.switchboard.ToolResult;
import dev.switchboard.internal.upstream.FakeToolSession;
import dev.switchboard.internal.upstream.FakeToolSession.Request;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A failed call is tried again only when its request certainly did not reach the server, or when the tool declares
 * itself read-only or idempotent; never after a timeout; at most {@code retry_attempts} tries in all.
 */
class RetriesUnsentOrIdempotentCallsTest {

    private static FakeCalls calls(int attempts) {
        var calls = FakeCalls.of(FakeCalls.retries(attempts, Duration.ofMillis(200)));
        calls.session().tools(tool("send", false, false), tool("lookup", true, false), tool("put", false, true));
        return calls;
    }

    @Test
    void anUnsentRequestIsSentAgainWhateverTheTool() {
        try (var calls = calls(3)) {
            calls.session().on("send", failsUnsent(ErrorCode.UNREACHABLE), answers("sent"));
            ToolResult r = calls.call("send");
            assertThat(r.text()).isEqualTo("sent");
            assertThat(r.attempts()).isEqualTo(2);
            assertThat(calls.session().requests()).extracting(Request::sent).containsExactly(false, true);
        }
    }

    @Test
    void aSentRequestOfAToolWithSideEffectsIsNotRepeated() {
        try (var calls = calls(3)) {
            calls.session().on("send", failsAfterSending(ErrorCode.PROCESS_EXITED), answers("twice!"));
            SwitchboardException e = calls.failure("send");
            assertThat(e.code()).isEqualTo(ErrorCode.PROCESS_EXITED);
            assertThat(e.getMessage()).doesNotContain("attempts");
            assertThat(calls.session().requests()).hasSize(1);
            assertThat(calls.session().waits()).isEmpty();
        }
    }

    @Test
    void aSentRequestOfAReadOnlyOrIdempotentToolIsRepeated() {
        try (var calls = calls(3)) {
            calls.session().on("lookup", failsAfterSending(ErrorCode.PROCESS_EXITED), answers("found"))
                    .on("put", failsAfterSending(ErrorCode.UNREACHABLE), answers("stored"));
            assertThat(calls.call("lookup").attempts()).isEqualTo(2);
            assertThat(calls.call("put").attempts()).isEqualTo(2);
            assertThat(calls.session().sent()).hasSize(4);
        }
    }

    @Test
    void theHintsAreReadBeforeTheSessionIsLostWithItsToolList() {
        try (var calls = calls(3)) {
            FakeToolSession session = calls.session();
            session.on("lookup", x -> {
                x.send();
                session.state(ServerState.RETRYING); // a lost session lists no tools
                throw x.failed(ErrorCode.PROCESS_EXITED);
            }, answers("found"));
            session.onWait(FakeToolSession.newSessionAfter(Duration.ofMillis(10)));
            ToolResult r = calls.call("lookup");
            assertThat(r.text()).isEqualTo("found");
            assertThat(session.sent()).extracting(Request::session).containsExactly(1L, 2L);
        }
    }

    @Test
    void aTimeoutIsNeverRepeatedEvenForAReadOnlyTool() {
        try (var calls = calls(3)) {
            calls.session().on("lookup", silent());
            assertThat(calls.failure("lookup", CallOptions.DEFAULT.withTimeout(Duration.ofSeconds(1))).code())
                    .isEqualTo(ErrorCode.TIMEOUT);
            assertThat(calls.session().requests()).hasSize(1);
        }
    }

    @Test
    void retryAttemptsBoundsTheTriesAndTheErrorSaysHowMany() {
        try (var calls = calls(3)) {
            calls.session().on("send", failsUnsent(ErrorCode.UNREACHABLE));
            SwitchboardException e = calls.failure("send");
            assertThat(e.code()).isEqualTo(ErrorCode.UNREACHABLE);
            assertThat(e.getMessage()).endsWith("(after 3 attempts)");
            assertThat(e.server()).hasValue("fake");
            assertThat(e.tool()).hasValue("send");
            assertThat(calls.session().requests()).hasSize(3);
        }
        try (var calls = calls(1)) {
            calls.session().on("send", failsUnsent(ErrorCode.UNREACHABLE));
            assertThat(calls.failure("send").getMessage()).doesNotContain("attempts");
            assertThat(calls.session().requests()).hasSize(1);
        }
    }
}
