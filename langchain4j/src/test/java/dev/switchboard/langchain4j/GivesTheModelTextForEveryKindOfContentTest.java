package dev.switchboard.langchain4j;

import static dev.switchboard.langchain4j.Tools.provided;
import static dev.switchboard.langchain4j.Tools.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.ToolResult;
import dev.switchboard.testing.FakeContent;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A tool result reaches the model as one text (LangChain4j's OpenAI client refuses anything else in a tool result):
 * text contents as they are, embedded text resources as their text, images and audio named, and the whole MCP
 * result kept for the application in {@code ToolExecutionResult.result()}.
 */
class GivesTheModelTextForEveryKindOfContentTest {

    @Test
    void everyContentBecomesALineOfText() {
        var scenario = FakeMcpServer.builder().name("media").tool(FakeTool.content("snapshot",
                FakeContent.text("two files:"),
                FakeContent.resource("file:///notes.txt", "text/plain", "buy milk"),
                FakeContent.image("image/png", new byte[] {1, 2, 3}),
                FakeContent.audio("audio/wav", new byte[] {4, 5}))).build();
        try (RunningFakeServer server = FakeMcpServer.startHttp(scenario);
                var sb = Servers.start(Servers.http("media", server))) {
            var result = run(provided(SwitchboardToolProvider.of(sb)), "media__snapshot", "{}");

            assertThat(result.isError()).isFalse();
            assertThat(result.resultText()).isEqualTo(String.join("\n", "two files:", "buy milk",
                    "[image: image/png, not shown]", "[audio: audio/wav, not shown]"));
            assertThat(result.result()).isInstanceOfSatisfying(ToolResult.class,
                    r -> assertThat(r.result().content()).hasSize(4));
        }
    }

    @Test
    void structuredContentStandsInForMissingText() {
        var onlyStructured = new McpSchema.CallToolResult(List.of(), false, Map.of("temperature", 21), null);
        var both = new McpSchema.CallToolResult(List.of(new McpSchema.TextContent("21 degrees")), false,
                Map.of("temperature", 21), null);

        assertThat(ToolResultText.of(new ToolResult("weather", "now", Duration.ZERO, onlyStructured)))
                .isEqualTo("{\"temperature\":21}");
        assertThat(ToolResultText.of(new ToolResult("weather", "now", Duration.ZERO, both))).isEqualTo("21 degrees");
    }
}
