package dev.switchboard.it;

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
import org.junit.jupiter.api.Test;

/**
 * {@code callAll} with fail-fast against a real server: the calls cancelled by the first failure are cancelled on
 * the server, which hears {@code notifications/cancelled} for each one it received. (The batch's rules are
 * unit-tested in {@code internal.call.CallAllFailFastCancelsTheRestTest}.)
 */
class CallAllFailFastCancelsOnTheServerTest {

    @Test
    void everyCallTheServerReceivedIsCancelledThere() {
        try (RunningFakeServer server = FakeMcpServer.builder().name("mixed").tool(FakeTool.hang("hang"),
                FakeTool.rpcError("invalid", -32602, "bad id")).startHttp();
                var sb = Switchboard.start(CallConfigs.of(CallConfigs.http("mixed", server.url(),
                        CallPolicy.DEFAULT)))) {
            List<ToolCall> calls = List.of(ToolCall.of("mixed", "hang", Map.of("n", 0)),
                    ToolCall.of("mixed", "hang", Map.of("n", 1)), ToolCall.of("mixed", "hang", Map.of("n", 2)),
                    ToolCall.of("mixed", "invalid", Map.of()));
            assertThatThrownBy(() -> sb.callAll(calls, CallAllOptions.DEFAULT
                    .withPolicy(CallAllOptions.Policy.FAIL_FAST).withMaxConcurrency(4)))
                    .isInstanceOfSatisfying(SwitchboardException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.RPC_ERROR));
            // Which hang calls were sent before the failure depends on scheduling; each one that was is cancelled.
            // A request cut off on its way (its exchange ended before the server took it) is cancelled too, which
            // the server may ignore: so there may be more cancellations than calls, never fewer.
            // (The three hang calls start with the failing one, which needs a round trip first: some always go out.)
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !server.receivedCancellations().isEmpty()
                    && server.receivedCancellations().size()
                    >= server.receivedCalls().stream().filter(c -> c.tool().equals("hang")).count());
            assertThat(server.receivedCancellations()).hasSizeLessThanOrEqualTo(3)
                    .extracting(RunningFakeServer.Cancellation::requestId).doesNotHaveDuplicates();
        }
    }
}
