package dev.switchboard.agent;

import static dev.switchboard.testing.ScriptedChatServer.answer;
import static dev.switchboard.testing.ScriptedChatServer.callTools;
import static dev.switchboard.testing.ScriptedChatServer.toolResults;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import dev.switchboard.testing.ScriptedChatServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Three calls that fail in one turn: the tool's own error, a tool no server offers, and a server whose process dies
 * during the call. Each is in the answer's tool calls with its error code, the model gets a result text for each,
 * and the model still answers.
 */
class ReportsFailedToolCallsTest {

    @Test
    void everyFailureIsReportedWithItsCodeAndTheModelGetsATextForEach() {
        var ops = FakeMcpServer.builder().name("ops").tool(FakeTool.error("save", "disk full")).build();
        var worker = FakeMcpServer.builder().name("worker").tool(FakeTool.exit("crash", 3)).build();
        try (RunningFakeServer opsServer = FakeMcpServer.startHttp(ops);
                var sb = Servers.start(Servers.http("ops", opsServer),
                        Servers.stdio("worker", FakeMcpServer.stdioCommand(worker)));
                var chat = ScriptedChatServer.start(
                        callTools("c1", "ops__save", "{}", "c2", "ops__nope", "{}", "c3", "worker__crash", "{}"),
                        answer(request -> String.join(" | ", toolResults(request))))) {
            var model = OpenAiChatModel.builder().baseUrl(chat.baseUrl()).apiKey("k").modelName("m").build();

            Answer answer = QueryPipeline.builder(sb, model).build().answer("Save the report.");

            assertThat(answer.toolCalls()).extracting(ToolCallReport::errorCode)
                    .containsExactly("TOOL_ERROR", "UNKNOWN_TOOL", "PROCESS_EXITED");
            assertThat(answer.toolCalls()).extracting(ToolCallReport::server).containsExactly("ops", null, "worker");
            assertThat(opsServer.receivedCalls()).extracting(RunningFakeServer.Call::tool).containsExactly("save");
            List<String> results = toolResults(chat.requests().get(1));
            assertThat(results).hasSize(3);
            assertThat(results.get(0)).isEqualTo("The tool 'save' of server 'ops' reported an error: disk full");
            assertThat(results.get(1)).startsWith("There is no tool named 'ops__nope'. Use one of the tools you were"
                    + " given: ").contains("ops__save");
            assertThat(results.get(2)).startsWith("Switchboard could not run the tool 'crash' of server 'worker'"
                    + " (PROCESS_EXITED): ");
            assertThat(answer.toolCalls()).extracting(ToolCallReport::result).containsExactlyElementsOf(results);
            assertThat(answer.text()).isEqualTo(String.join(" | ", results));
        }
    }
}
