package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.CallAllOptions;
import dev.switchboard.Outcome;
import dev.switchboard.Switchboard;
import dev.switchboard.ToolCall;
import dev.switchboard.config.Orchestration;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Many concurrent calls over one session, stdio and Streamable HTTP: every response reaches its own caller (the
 * SDK has had "unexpected response for unknown id" bugs, java-sdk #248), and the session stays usable.
 *
 * <p>Over HTTP each call in flight is its own POST (HTTP/1.1): the in-process fake serves about 200 requests at once
 * (Jetty's virtual thread pool) and resets connections beyond, so 500 calls run 150 at a time there.
 */
class MultiplexesConcurrentCallsOnOneSessionTest {
    private static final int CALLS = 500;

    @Test
    void fiveHundredConcurrentEchoCallsOverOneStdioSessionEachGetTheirOwnAnswer() {
        var scenario = FakeMcpServer.builder().name("echoes").tool(FakeTool.echo("echo")).build();
        var server = CallConfigs.stdio("echoes", FakeMcpServer.stdioCommand(scenario),
                CallConfigs.concurrent(CALLS, Duration.ofMillis(10)));
        try (var sb = Switchboard.start(config(server))) {
            assertEachGetsItsOwnAnswer(sb, "echoes", CALLS);
        }
    }

    @Test
    void fiveHundredEchoCallsOverOneHttpSessionEachGetTheirOwnAnswer() {
        try (RunningFakeServer http = FakeMcpServer.builder().name("echoes").tool(FakeTool.echo("echo"))
                .startHttp();
                var sb = Switchboard.start(config(CallConfigs.http("echoes", http.url(),
                        CallConfigs.concurrent(CALLS, Duration.ofMillis(10)))))) {
            assertEachGetsItsOwnAnswer(sb, "echoes", 150);
            assertThat(http.receivedCalls()).hasSize(CALLS + 1);
        }
    }

    private static void assertEachGetsItsOwnAnswer(Switchboard sb, String server, int concurrency) {
        List<ToolCall> calls = IntStream.range(0, CALLS)
                .mapToObj(i -> ToolCall.of(server, "echo", Map.of("caller", i, "pad", "x".repeat(i % 50))))
                .toList();
        List<Outcome> outcomes = sb.callAll(calls, CallAllOptions.DEFAULT.withMaxConcurrency(concurrency)
                .withPerCallTimeout(Duration.ofSeconds(60)));
        for (int i = 0; i < CALLS; i++) {
            Outcome o = outcomes.get(i);
            assertThat(o.error()).as("call %d", i).isNull();
            assertThat(o.result().text()).isEqualTo("{\"caller\":" + i + ",\"pad\":\"" + "x".repeat(i % 50) + "\"}");
        }
        assertThat(sb.stats().get(0).calls()).isEqualTo(CALLS);
        assertThat(sb.stats().get(0).inFlight()).isZero();
        assertThat(sb.call(server, "echo", Map.of("after", "burst")).text()).contains("burst");
    }

    private static SwitchboardConfig config(ServerConfig server) {
        return SwitchboardConfig.builder().servers(List.of(server))
                .orchestration(Orchestration.builder().maxConcurrentCalls(10_000).build()).build();
    }
}
