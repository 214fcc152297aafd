package dev.switchboard.internal.call;

import static dev.switchboard.internal.upstream.FakeToolSession.answers;
import static dev.switchboard.internal.upstream.FakeToolSession.failsUnsent;
import static dev.switchboard.internal.upstream.FakeToolSession.silent;
import static dev.switchboard.internal.upstream.FakeToolSession.takes;
import static dev.switchboard.internal.upstream.FakeToolSession.toolError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.CallOptions;
import dev.switchboard.ErrorCode;
import dev.switchboard.SwitchboardEvent.CallFinished;
import dev.switchboard.config.BreakerPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every call, however it ends, is told to listeners as one {@code CallFinished}: server, tool, how long it took
 * in all, its error code (null for a result, TOOL_ERROR for {@code isError}), its attempts, and when it ended.
 */
class PublishesCallFinishedEventsTest {

    @Test
    void eachOutcomeIsOneEventWithItsDurationCodeAndAttempts() {
        List<Instant> ends = new ArrayList<>();
        var breaker = BreakerPolicy.builder().failureThreshold(1).build();
        try (var calls = FakeCalls.of(CallServers.breaker(breaker))) {
            calls.session().on("echo", takes(Duration.ofMillis(3), answers("ok")))
                    .on("broken", takes(Duration.ofMillis(4), toolError("no"))).on("hang", silent());
            calls.call("echo");
            ends.add(calls.clock.instant());
            calls.call("broken");
            ends.add(calls.clock.instant());
            calls.failure("hang", CallOptions.DEFAULT.withTimeout(Duration.ofMillis(100)));
            ends.add(calls.clock.instant());
            calls.failure("echo"); // the breaker opened on the timeout
            ends.add(calls.clock.instant());

            List<CallFinished> events = calls.finished();
            assertThat(events).extracting(CallFinished::server).containsOnly("fake");
            assertThat(events).extracting(CallFinished::tool).containsExactly("echo", "broken", "hang", "echo");
            assertThat(events).extracting(CallFinished::error).containsExactly(null, ErrorCode.TOOL_ERROR,
                    ErrorCode.TIMEOUT, ErrorCode.CIRCUIT_OPEN);
            assertThat(events).extracting(CallFinished::duration).containsExactly(Duration.ofMillis(3),
                    Duration.ofMillis(4), Duration.ofMillis(100), Duration.ZERO);
            assertThat(events).extracting(CallFinished::attempts).containsExactly(1, 1, 1, 1);
            assertThat(events).extracting(CallFinished::at).containsExactlyElementsOf(ends);
        }
    }

    @Test
    void aRetriedCallIsOneEventWithEveryAttempt() {
        try (var calls = FakeCalls.of(FakeCalls.retries(3, Duration.ofMillis(200)))) {
            calls.session().on("echo", failsUnsent(ErrorCode.UNREACHABLE));
            calls.failure("echo");
            assertThat(calls.finished()).singleElement().satisfies(e -> {
                assertThat(e.error()).isEqualTo(ErrorCode.UNREACHABLE);
                assertThat(e.attempts()).isEqualTo(3);
                assertThat(e.duration()).isEqualTo(Duration.ofMillis(600));
            });
        }
    }
}
