package dev.switchboard.langchain4j;

import static dev.switchboard.langchain4j.ScriptedChatServer.answer;
import static dev.switchboard.langchain4j.ScriptedChatServer.callTool;
import static dev.switchboard.langchain4j.ScriptedChatServer.toolResults;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import org.junit.jupiter.api.Test;

/**
 * Two servers with a tool of the same name: LangChain4j refuses duplicate tool names ("Duplicated definition for
 * tool"), so both are offered under their catalog names, and the model's choice reaches the server it chose.
 */
class OffersCollidingToolsUnderUniqueNamesTest {

    interface Assistant {
        String chat(String question);
    }

    @Test
    void bothToolsAreOfferedAndTheCallReachesTheChosenServer() {
        try (RunningFakeServer alpha = FakeMcpServer.startHttp(FakeMcpServer.builder().name("alpha")
                        .tool(FakeTool.text("search", "alpha results")).build());
                RunningFakeServer beta = FakeMcpServer.startHttp(FakeMcpServer.builder().name("beta")
                        .tool(FakeTool.text("search", "beta results")).build());
                var sb = Servers.start(Servers.http("alpha", alpha), Servers.http("beta", beta));
                var chat = ScriptedChatServer.start(callTool("c1", "beta__search", "{}"),
                        answer(request -> String.join(",", toolResults(request))))) {
            var model = OpenAiChatModel.builder().baseUrl(chat.baseUrl()).apiKey("test-key").modelName("scripted")
                    .build();
            Assistant assistant = AiServices.builder(Assistant.class).chatModel(model)
                    .toolProvider(SwitchboardToolProvider.of(sb)).build();

            assertThat(assistant.chat("search")).isEqualTo("beta results");
            assertThat(chat.requests().get(0).path("tools").findValuesAsText("name"))
                    .containsExactlyInAnyOrder("alpha__search", "beta__search");
            assertThat(alpha.receivedCalls()).isEmpty();
            assertThat(beta.receivedCalls()).hasSize(1);
        }
    }
}
