package dev.switchboard.internal.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.CallAllOptions;
import dev.switchboard.ErrorCode;
import dev.switchboard.Outcome;
import dev.switchboard.Switchboard;
import dev.switchboard.ToolCall;
import dev.switchboard.config.CallPolicy;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code callAll} with the collect policy: one outcome per call in input order (whatever order they finish in), a
 * typed error for each failure, progress reported as completed/total, an overall deadline, and an empty batch.
 */
class CallAllCollectsOutcomesInOrderTest {
    private RunningFakeServer fast;
    private RunningFakeServer slow;
    private Switchboard sb;

    @BeforeEach
    void start() {
        fast = FakeMcpServer.builder().name("fast").tool(FakeTool.echo("echo"), FakeTool.error("broken", "no row"),
                FakeTool.rpcError("invalid", -32602, "bad id"), FakeTool.hang("hang")).startHttp();
        slow = FakeMcpServer.builder().name("slow").tool(FakeTool.delay("wait", Duration.ofMillis(300))).startHttp();
        sb = Switchboard.start(CallServers.config(CallServers.http("fast", fast.url(), CallPolicy.DEFAULT),
                CallServers.http("slow", slow.url(), CallPolicy.DEFAULT)));
    }

    @AfterEach
    void stop() {
        sb.close();
        fast.close();
        slow.close();
    }

    @Test
    void outcomesComeBackInInputOrderWhateverOrderTheyFinishIn() {
        List<ToolCall> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            calls.add(i % 4 == 0 ? ToolCall.of("slow", "wait", Map.of("i", i)) : ToolCall.of("fast", "echo",
                    Map.of("i", i)));
        }
        List<int[]> progress = new CopyOnWriteArrayList<>();
        List<Outcome> outcomes = sb.callAll(calls, CallAllOptions.DEFAULT.withMaxConcurrency(8)
                .withProgress((done, total) -> progress.add(new int[] {done, total})));
        assertThat(outcomes).hasSize(40);
        for (int i = 0; i < 40; i++) {
            Outcome o = outcomes.get(i);
            assertThat(o.call()).isSameAs(calls.get(i));
            assertThat(o.succeeded()).isTrue();
            assertThat(o.result().server()).isEqualTo(i % 4 == 0 ? "slow" : "fast");
            if (i % 4 != 0) {
                assertThat(o.result().text()).isEqualTo("{\"i\":" + i + "}");
            }
        }
        assertThat(progress).hasSize(40).allSatisfy(p -> assertThat(p[1]).isEqualTo(40));
        assertThat(progress).extracting(p -> p[0]).containsExactlyInAnyOrderElementsOf(
                IntStream.rangeClosed(1, 40).boxed().toList());
    }

    @Test
    void everyCallGetsItsOwnOutcomeResultOrTypedError() {
        List<Outcome> outcomes = sb.callAll(List.of(
                ToolCall.of("fast", "echo", Map.of("ok", true)),
                ToolCall.of("fast", "broken", Map.of()),
                ToolCall.of("fast", "invalid", Map.of()),
                ToolCall.of("fast", "nope", Map.of()),
                ToolCall.of("nowhere", "echo", Map.of()),
                ToolCall.of("fast", "hang", Map.of())),
                CallAllOptions.DEFAULT.withPerCallTimeout(Duration.ofMillis(500)));
        assertThat(outcomes.get(0).succeeded()).isTrue();
        assertThat(outcomes.get(1).hasResult()).isTrue();
        assertThat(outcomes.get(1).result().isError()).isTrue();
        assertThat(outcomes.get(1).result().text()).isEqualTo("no row");
        assertThat(outcomes.subList(2, 6)).extracting(o -> o.error().code()).containsExactly(ErrorCode.RPC_ERROR,
                ErrorCode.UNKNOWN_TOOL, ErrorCode.UNKNOWN_SERVER, ErrorCode.TIMEOUT);
    }

    @Test
    void theOverallDeadlineEndsCallsStillRunningWithTimeoutAndCancelsThemOnTheServer() throws Exception {
        List<Outcome> outcomes = sb.callAll(List.of(ToolCall.of("fast", "echo", Map.of()),
                ToolCall.of("fast", "hang", Map.of("n", 1)), ToolCall.of("fast", "hang", Map.of("n", 2))),
                CallAllOptions.DEFAULT.withOverallTimeout(Duration.ofMillis(500)));
        assertThat(outcomes.get(0).succeeded()).isTrue();
        assertThat(outcomes.subList(1, 3)).allSatisfy(o -> {
            assertThat(o.error().code()).isEqualTo(ErrorCode.TIMEOUT);
            assertThat(o.error().getMessage()).contains("overall deadline");
        });
        assertThat(fast.awaitCancellations(2, Duration.ofSeconds(10))).hasSize(2);
    }

    @Test
    void anEmptyBatchIsFine() {
        assertThat(sb.callAll(List.of())).isEmpty();
    }
}
