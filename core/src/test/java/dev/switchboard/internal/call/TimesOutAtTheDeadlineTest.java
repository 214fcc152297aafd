package dev.switchboard.internal.call;

import static dev.switchboard.internal.upstream.FakeToolSession.silent;
import static dev.switchboard.internal.upstream.FakeToolSession.tool;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.CallOptions;
import dev.switchboard.ErrorCode;
import dev.switchboard.SwitchboardException;
import dev.switchboard.config.CallPolicy;
import dev.switchboard.internal.upstream.FakeToolSession.Request;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A call whose deadline passes fails with TIMEOUT at that moment, its request is cancelled on the server, and it
 * is not tried again. The deadline is the call's timeout, else the server's {@code request_timeout}, never beyond
 * {@code calls.max_total}.
 */
class TimesOutAtTheDeadlineTest {

    @Test
    void theCallFailsWithTimeoutAtItsDeadlineAndIsCancelledOnTheServer() {
        try (var calls = FakeCalls.of(CallPolicy.DEFAULT)) {
            calls.session().tools(tool("stuck", true, true)).on("stuck", silent());
            SwitchboardException e = calls.failure("stuck", CallOptions.DEFAULT.withTimeout(Duration.ofMillis(300)));
            assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
            assertThat(e.getMessage()).contains("fake", "stuck", "300ms");
            assertThat(calls.clock.elapsed()).isEqualTo(Duration.ofMillis(300));
            assertThat(calls.session().requests()).as("read-only, yet not tried again").singleElement()
                    .extracting(Request::cancelledOnServer).isEqualTo("TIMEOUT");
        }
    }

    @Test
    void withoutATimeoutOfItsOwnTheCallHasTheServersRequestTimeout() {
        try (var calls = FakeCalls.of(CallPolicy.DEFAULT)) {
            calls.session().on("stuck", silent());
            assertThat(calls.failure("stuck").code()).isEqualTo(ErrorCode.TIMEOUT);
            assertThat(calls.clock.elapsed()).isEqualTo(calls.session().options().requestTimeout())
                    .isEqualTo(Duration.ofSeconds(60));
        }
    }

    @Test
    void aTimeoutAboveMaxTotalIsCappedAtMaxTotal() {
        try (var calls = FakeCalls.of(CallServers.deadlines(Duration.ofMillis(900), false))) {
            calls.session().on("stuck", silent());
            assertThat(calls.failure("stuck", CallOptions.DEFAULT.withTimeout(Duration.ofMinutes(5))).code())
                    .isEqualTo(ErrorCode.TIMEOUT);
            assertThat(calls.clock.elapsed()).isEqualTo(Duration.ofMillis(900));
        }
    }
}
