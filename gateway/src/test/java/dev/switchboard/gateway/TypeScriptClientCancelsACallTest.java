package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The official TypeScript SDK client aborts a call (AbortSignal) of a tool that never answers: the server behind the
 * gateway receives {@code notifications/cancelled} for it, with the client's reason, and the session goes on.
 */
class TypeScriptClientCancelsACallTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void anAbortedCallIsCancelledOnItsServerAndTheSessionGoesOn() throws Exception {
        try (RunningFakeServer slow = FakeMcpServer.builder().name("slow")
                .tool(FakeTool.hang("stuck"), FakeTool.echo("echo")).startHttp();
                Fixture fixture = Fixture.start(List.of(Fixture.http("slow", slow)));
                NodeScript node = NodeScript.start("cancel.mjs", fixture.url(), "slow__stuck", "slow__echo",
                        "user pressed stop")) {
            node.awaitStep("call-reached-server", WAIT);
            assertThat(slow.awaitCalls(1, WAIT).get(0).tool()).isEqualTo("stuck");
            node.answer("ok");

            assertThat(node.next(WAIT).path("aborted").path("rejected").asText()).contains("user pressed stop");
            node.awaitStep("server-saw-cancel", WAIT);
            List<RunningFakeServer.Cancellation> cancels = slow.awaitCancellations(1, WAIT);
            assertThat(cancels.get(0).requestId()).isNotNull();
            assertThat(cancels.get(0).reason()).as("the client's own words").isEqualTo("user pressed stop");
            node.answer("ok");

            List<JsonNode> rest = node.finish(Duration.ofSeconds(30));
            assertThat(NodeScript.with(rest, "after").at("/content/0/text").asText())
                    .isEqualTo("{\"after\":\"cancel\"}");
            assertThat(slow.receivedCalls()).extracting(RunningFakeServer.Call::tool).containsExactly("stuck", "echo");
            assertThat(slow.receivedCancellations()).hasSize(1);
            // The gateway answers the cancelled request with an error (-32800) rather than not at all; the SDK,
            // which already gave up on that id, reports the answer and ignores it. Nothing else may go wrong.
            assertThat(NodeScript.reported(rest)).allSatisfy(e -> assertThat(e)
                    .contains("unknown message ID", "-32800"));
        }
    }
}
