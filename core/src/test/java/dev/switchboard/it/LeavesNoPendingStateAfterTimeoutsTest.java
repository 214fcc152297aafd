package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.switchboard.CallAllOptions;
import dev.switchboard.ErrorCode;
import dev.switchboard.Outcome;
import dev.switchboard.Switchboard;
import dev.switchboard.ToolCall;
import dev.switchboard.config.LogSettings;
import dev.switchboard.config.Orchestration;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Many timed-out calls leave nothing behind: not in the SDK session's pending map (checked by reflection, see
 * {@link SdkInternals}), not in the stdio transport's book of unanswered ids, not in Switchboard's counters; every
 * request that reached the server was cancelled there; and answers that arrive after the timeout are harmless.
 *
 * <p>The tools answer ten times later than the calls' deadlines, so that even a caller starved of CPU cannot see an
 * answer before its deadline; and they answer after a delay rather than never: the fake server, like the SDK server it is built on, does
 * not stop a tool on cancellation, and it serves a bounded number of requests at once (256 over stdio, about 200
 * over HTTP), so tools that never end would stall it rather than test us.
 */
class LeavesNoPendingStateAfterTimeoutsTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void tenThousandTimedOutCallsOverStdioLeaveNoPendingState() {
        var scenario = FakeMcpServer.builder().name("slow").tool(FakeTool.delay("slow", Duration.ofMillis(500)),
                FakeTool.echo("echo")).build();
        var server = CallConfigs.stdio("slow", FakeMcpServer.stdioCommand(scenario),
                CallConfigs.concurrent(50, Duration.ofMillis(10)));
        var cancelled = new ServerCancellations();
        try (var sb = Switchboard.start(bigLimits(server))) {
            List<Outcome> outcomes = timeOut(sb, "slow", 10_000, 50, Duration.ofMillis(50));
            assertThat(outcomes).allSatisfy(o -> assertThat(o.error().code()).isEqualTo(ErrorCode.TIMEOUT));
            assertThat(SdkInternals.sdkPendingResponses(sb, "slow")).isZero();
            assertThat(SdkInternals.stdioPendingIds(sb, "slow")).isZero();
            assertThat(sb.stats().get(0).inFlight()).isZero();
            assertThat(sb.stats().get(0).errors()).containsEntry(ErrorCode.TIMEOUT, 10_000L);
            // The server heard the cancellation of (nearly) every call: only a call whose deadline passed before its
            // request was written is never sent, and needs none.
            Awaitility.await().atMost(WAIT).until(() -> cancelled.count() >= 9_900);
            // The server still works off the 10,000 delayed tools (256 at a time, 20 s on a quiet machine) before
            // this echo's turn comes: its deadline leaves room for that on a loaded one.
            assertThat(sb.call("slow", "echo", Map.of("still", "working"), WAIT.multipliedBy(2)).text())
                    .contains("working");
            assertThat(SdkInternals.sdkPendingResponses(sb, "slow")).isZero();
        } finally {
            cancelled.stop();
        }
    }

    @Test
    void timedOutCallsOverHttpLeaveNoPendingStateAndAreAllCancelledOnTheServer() {
        try (RunningFakeServer http = FakeMcpServer.builder().name("slow")
                .tool(FakeTool.delay("slow", Duration.ofSeconds(1))).startHttp()) {
            var server = CallConfigs.http("slow", http.url(), CallConfigs.concurrent(40, Duration.ofMillis(10)));
            try (var sb = Switchboard.start(bigLimits(server))) {
                List<Outcome> outcomes = timeOut(sb, "slow", 500, 40, Duration.ofMillis(100));
                assertThat(outcomes).allSatisfy(o -> assertThat(o.error().code()).isEqualTo(ErrorCode.TIMEOUT));
                assertThat(SdkInternals.sdkPendingResponses(sb, "slow")).isZero();
                // Every call that reached the server is cancelled there. A request whose deadline passed on its way
                // is cut off (its exchange ended) and may never run on a loaded machine, but it is cancelled all the
                // same: never fewer cancellations than calls, each for its own request.
                Awaitility.await().atMost(WAIT).untilAsserted(() -> {
                    assertThat(http.receivedCalls()).isNotEmpty();
                    assertThat(http.receivedCancellations()).hasSizeGreaterThanOrEqualTo(http.receivedCalls().size())
                            .hasSizeLessThanOrEqualTo(500)
                            .extracting(RunningFakeServer.Cancellation::requestId).doesNotHaveDuplicates();
                });
                assertThat(SdkInternals.sdkPendingResponses(sb, "slow")).isZero();
            }
        }
    }

    private static List<Outcome> timeOut(Switchboard sb, String server, int n, int concurrency, Duration timeout) {
        List<ToolCall> calls = IntStream.range(0, n).mapToObj(i -> ToolCall.of(server, "slow", Map.of("i", i)))
                .toList();
        return sb.callAll(calls, CallAllOptions.DEFAULT.withMaxConcurrency(concurrency).withPerCallTimeout(timeout));
    }

    private static SwitchboardConfig bigLimits(ServerConfig server) {
        // upstream.stderr, which counts the server's cancellations, is at INFO.
        return SwitchboardConfig.builder().servers(List.of(server))
                .orchestration(Orchestration.builder().maxConcurrentCalls(10_000).build())
                .logging(LogSettings.builder().level("INFO").build()).build();
    }

    /** Counts the fake stdio server's "cancelled" lines on stderr, which Switchboard logs as upstream.stderr. */
    private static final class ServerCancellations extends AppenderBase<ILoggingEvent> {
        private final AtomicInteger count = new AtomicInteger();
        private final Logger logger = (Logger) LoggerFactory.getLogger("dev.switchboard.internal.upstream.stderr");

        ServerCancellations() {
            start();
            logger.addAppender(this);
        }

        @Override
        protected void append(ILoggingEvent e) {
            if (e.getKeyValuePairs() != null && e.getKeyValuePairs().stream()
                    .anyMatch(kv -> String.valueOf(kv.value).startsWith("fake-mcp: cancelled"))) {
                count.incrementAndGet();
            }
        }

        int count() {
            return count.get();
        }

        @Override
        public void stop() {
            logger.detachAppender(this);
            super.stop();
        }
    }
}
