package dev.switchboard.langchain4j;

import static dev.switchboard.testing.ScriptedChatServer.answer;
import static dev.switchboard.testing.ScriptedChatServer.callTool;
import static dev.switchboard.testing.ScriptedChatServer.toolResults;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import dev.switchboard.testing.ScriptedChatServer;
import example.AskWithSwitchboardTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An AI service with LangChain4j's OpenAI client against a scripted chat endpoint: the model asks for a Switchboard
 * tool, the call really reaches the MCP server, and the model's next request carries the tool's result. It runs the
 * example of docs/integrations.md as it is, so the documented code is known to work.
 */
class AnswersThroughAiServicesTest {

    @Test
    void theModelsToolCallReachesTheServerAndItsResultReachesTheModel(@TempDir Path dir) throws Exception {
        var weather = FakeMcpServer.builder().name("weather")
                .tool(FakeTool.echo("forecast").withDescription("The forecast for a city").withInputSchema(Map.of(
                        "type", "object",
                        "properties", Map.of("city", Map.of("type", "string", "description", "City name")),
                        "required", List.of("city"))),
                        FakeTool.text("delete_history", "deleted"))
                .build();
        try (RunningFakeServer server = FakeMcpServer.startHttp(weather);
                var chat = ScriptedChatServer.start(
                        callTool("call_1", "weather__forecast", "{\"city\":\"Lisbon\"}"),
                        answer(request -> "The tool said: " + String.join(" | ", toolResults(request))))) {
            Path config = dir.resolve("switchboard.yaml");
            Files.writeString(config, "servers:\n  weather:\n    url: " + server.url() + "\n");

            String reply = AskWithSwitchboardTools.ask(config, chat.baseUrl(), "test-key", "Weather in Lisbon?");

            assertThat(server.receivedCalls()).containsExactly(
                    new RunningFakeServer.Call("forecast", Map.of("city", "Lisbon")));
            List<JsonNode> requests = chat.requests();
            assertThat(requests).hasSize(2);
            assertThat(requests.get(0).path("tools").findValuesAsText("name"))
                    .as("the tools the model was offered: delete_* is filtered out by the example")
                    .contains("weather__forecast").doesNotContain("weather__delete_history");
            var parameters = requests.get(0).path("tools").get(0).path("function").path("parameters");
            assertThat(parameters.path("properties").path("city").path("type").asText()).isEqualTo("string");
            assertThat(parameters.path("required").get(0).asText()).isEqualTo("city");
            assertThat(toolResults(requests.get(1))).containsExactly("{\"city\":\"Lisbon\"}");
            assertThat(reply).isEqualTo("The tool said: {\"city\":\"Lisbon\"}");
        }
    }
}
