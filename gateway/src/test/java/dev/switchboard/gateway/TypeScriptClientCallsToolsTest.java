package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official TypeScript SDK client calls tools through the gateway: arguments and results cross it intact, a tool's
 * own error comes back as a result with {@code isError}, an unknown tool as a JSON-RPC error, and the progress
 * notifications of a call reach the client's {@code onprogress}, in order and before the result.
 */
class TypeScriptClientCallsToolsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Fixture fixture;

    @BeforeAll
    static void start() {
        fixture = Fixture.start(List.of(Fixture.stdio("alpha", FakeMcpServer.builder().name("alpha")
                .tool(FakeTool.echo("echo"), FakeTool.error("broken", "disk full"),
                        FakeTool.progress("steps", 5, Duration.ofMillis(30)))
                .build())));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void argumentsAndResultsArriveIntactAndAToolErrorIsAResult() throws Exception {
        List<JsonNode> lines = NodeScript.run("call-tools.mjs", fixture.url(), "alpha__echo", "alpha__broken");

        JsonNode sent = NodeScript.with(lines, "sent");
        JsonNode echo = NodeScript.with(lines, "echo");
        assertThat(echo.path("isError").asBoolean()).isFalse();
        assertThat(JSON.readTree(echo.at("/content/0/text").asText())).as("the arguments as the server got them")
                .isEqualTo(sent);
        JsonNode broken = NodeScript.with(lines, "broken");
        assertThat(broken.path("isError").asBoolean()).isTrue();
        assertThat(broken.at("/content/0/text").asText()).isEqualTo("disk full");
        JsonNode unknown = NodeScript.with(lines, "unknown");
        assertThat(unknown.path("code").asInt()).isEqualTo(-32602);
        assertThat(unknown.path("message").asText()).contains("Unknown tool: 'nobody__nothing'");
        assertThat(NodeScript.reported(lines)).isEmpty();
    }

    @Test
    void progressReachesOnprogressInOrderBeforeTheResult() throws Exception {
        List<JsonNode> lines = NodeScript.run("progress.mjs", fixture.url(), "alpha__steps");

        JsonNode progress = NodeScript.with(lines, "progress");
        assertThat(progress).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertThat(progress.get(i).path("progress").asInt()).isEqualTo(i + 1);
            assertThat(progress.get(i).path("total").asInt()).isEqualTo(5);
            assertThat(progress.get(i).path("message").asText()).isEqualTo("step " + (i + 1) + "/5");
        }
        assertThat(NodeScript.with(lines, "result").at("/content/0/text").asText()).isEqualTo("done after 5 steps");
        assertThat(NodeScript.reported(lines)).as("no progress for a token the client no longer waits for").isEmpty();
    }
}
