package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.CallAllException;
import dev.switchboard.CallAllOptions;
import dev.switchboard.CallOptions;
import dev.switchboard.CallProgress;
import dev.switchboard.CancellationToken;
import dev.switchboard.ErrorCode;
import dev.switchboard.Outcome;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardException;
import dev.switchboard.ToolCall;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a user reaches for first: a call by bare or qualified name with progress, cancellation and any map of
 * arguments in one method, and a fail-fast batch that still tells what became of the calls that had finished.
 */
class CallsByNameWithOptionsTest {
    private RunningFakeServer server;
    private Switchboard sb;

    @BeforeEach
    void start() {
        server = FakeMcpServer.startHttp(FakeMcpServer.builder().name("tools")
                .tool(FakeTool.echo("echo"), FakeTool.progress("steps", 3, Duration.ofMillis(10)),
                        FakeTool.hang("hang"), FakeTool.rpcError("invalid", -32602, "bad id")).build());
        sb = Switchboard.start(SwitchboardConfig.of(List.of(HttpServer.of("tools", URI.create(server.url())))));
    }

    @AfterEach
    void stop() {
        sb.close();
        server.close();
    }

    @Test
    void aBareNameTakesAnyMapOfArgumentsAndReportsProgress() {
        Map<String, String> arguments = Map.of("city", "Oslo");
        assertThat(sb.callTool("echo", arguments, CallOptions.DEFAULT).text()).contains("Oslo");

        List<CallProgress> seen = new CopyOnWriteArrayList<>();
        var r = sb.callTool("tools__steps", Map.of(), CallOptions.DEFAULT.withProgress(seen::add));
        assertThat(r.isError()).isFalse();
        assertThat(seen).hasSize(3);
    }

    @Test
    void aCallByNameCanBeCancelled() {
        var token = new CancellationToken();
        var call = CompletableFuture.supplyAsync(() -> sb.callTool("hang", Map.of(),
                CallOptions.DEFAULT.withCancellation(token)));
        Awaitility.await().until(() -> server.receivedCalls().size() == 1);
        token.cancel("the user closed the tab");
        assertThatThrownBy(call::join).cause().isInstanceOfSatisfying(SwitchboardException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.CANCELLED));
        Awaitility.await().until(() -> server.receivedCancellations().size() == 1);
        assertThat(server.receivedCancellations().get(0).reason()).as("the caller's words reach the server")
                .isEqualTo("the user closed the tab");
    }

    @Test
    void aFailFastBatchReportsTheOutcomesOfTheCallsThatFinished() {
        List<ToolCall> calls = List.of(ToolCall.of("tools", "echo", Map.of("n", 0)),
                ToolCall.of("tools", "invalid", Map.of()), ToolCall.of("tools", "echo", Map.of("n", 2)));
        var options = CallAllOptions.DEFAULT.withPolicy(CallAllOptions.Policy.FAIL_FAST).withMaxConcurrency(1);

        assertThatThrownBy(() -> sb.callAll(calls, options)).isInstanceOfSatisfying(CallAllException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.RPC_ERROR);
            assertThat(e.failedIndex()).isEqualTo(1);
            List<Outcome> outcomes = e.outcomes();
            assertThat(outcomes).hasSize(3);
            assertThat(outcomes.get(0).succeeded()).as("finished before the failure").isTrue();
            assertThat(outcomes.get(0).result().text()).contains("\"n\":0");
            assertThat(outcomes.get(1).error().code()).isEqualTo(ErrorCode.RPC_ERROR);
            assertThat(outcomes.get(2).error().code()).as("never started").isEqualTo(ErrorCode.CANCELLED);
        });
    }
}
