package dev.switchboard.internal.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.CallAllOptions;
import dev.switchboard.ErrorCode;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardException;
import dev.switchboard.ToolCall;
import dev.switchboard.config.CallPolicy;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code callAll} with fail-fast: the first failure cancels every other call, on the servers too, and is thrown
 * naming the failed call; a tool error ({@code isError}) counts as a failure.
 */
class CallAllFailFastCancelsTheRestTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private RunningFakeServer server;
    private Switchboard sb;

    @BeforeEach
    void start() {
        server = FakeMcpServer.builder().name("mixed").tool(FakeTool.hang("hang"),
                FakeTool.rpcError("invalid", -32602, "bad id"),
                FakeTool.error("broken", "disk full"), FakeTool.echo("echo")).startHttp();
        sb = Switchboard.start(CallServers.config(CallServers.http("mixed", server.url(), CallPolicy.DEFAULT)));
    }

    @AfterEach
    void stop() {
        sb.close();
        server.close();
    }

    @Test
    void theFirstFailureCancelsTheOthersOnTheServerAndIsThrownNamingTheCall() throws Exception {
        List<ToolCall> calls = List.of(ToolCall.of("mixed", "hang", Map.of("n", 0)),
                ToolCall.of("mixed", "hang", Map.of("n", 1)), ToolCall.of("mixed", "hang", Map.of("n", 2)),
                ToolCall.of("mixed", "invalid", Map.of()));
        assertThatThrownBy(() -> sb.callAll(calls, CallAllOptions.DEFAULT
                .withPolicy(CallAllOptions.Policy.FAIL_FAST).withMaxConcurrency(4)))
                .isInstanceOfSatisfying(SwitchboardException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.RPC_ERROR);
                    assertThat(e.getMessage()).contains("call #3", "mixed/invalid", "bad id");
                    assertThat(e.server()).hasValue("mixed");
                    assertThat(e.tool()).hasValue("invalid");
                });
        // Which hang calls were sent before the failure depends on scheduling; each one that was must be cancelled.
        Awaitility.await().atMost(WAIT).until(() -> server.receivedCancellations().size()
                == server.receivedCalls().stream().filter(c -> c.tool().equals("hang")).count());
    }

    @Test
    void aToolErrorIsAFailureForFailFast() {
        assertThatThrownBy(() -> sb.callAll(List.of(ToolCall.of("mixed", "broken", Map.of()),
                ToolCall.of("mixed", "hang", Map.of())), CallAllOptions.DEFAULT
                .withPolicy(CallAllOptions.Policy.FAIL_FAST)))
                .isInstanceOfSatisfying(SwitchboardException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.TOOL_ERROR);
                    assertThat(e.getMessage()).contains("call #0", "mixed/broken", "disk full");
                });
    }

    @Test
    void callsNotYetStartedWhenOneFailsAreNeverSent() {
        assertThatThrownBy(() -> sb.callAll(List.of(ToolCall.of("mixed", "invalid", Map.of()),
                ToolCall.of("mixed", "echo", Map.of("n", 1)), ToolCall.of("mixed", "echo", Map.of("n", 2))),
                CallAllOptions.DEFAULT.withPolicy(CallAllOptions.Policy.FAIL_FAST).withMaxConcurrency(1)))
                .isInstanceOf(SwitchboardException.class);
        assertThat(server.receivedCalls()).extracting(c -> c.tool()).containsExactly("invalid");
    }

    @Test
    void withoutFailuresFailFastReturnsEveryResult() {
        var outcomes = sb.callAll(List.of(ToolCall.of("mixed", "echo", Map.of("n", 1)),
                ToolCall.of("mixed", "echo", Map.of("n", 2))), CallAllOptions.DEFAULT
                .withPolicy(CallAllOptions.Policy.FAIL_FAST));
        assertThat(outcomes).extracting(o -> o.result().text()).containsExactly("{\"n\":1}", "{\"n\":2}");
    }
}
