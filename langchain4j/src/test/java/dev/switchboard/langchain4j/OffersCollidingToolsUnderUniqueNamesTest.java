package dev.switchboard.langchain4j;

import static dev.switchboard.testing.ScriptedChatServer.answer;
import static dev.switchboard.testing.ScriptedChatServer.callTool;
import static dev.switchboard.testing.ScriptedChatServer.toolResults;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.Result;
import dev.switchboard.ToolResult;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import dev.switchboard.testing.ScriptedChatServer;
import org.junit.jupiter.api.Test;

/**
 * Two servers with a tool of the same name: LangChain4j refuses duplicate tool names ("Duplicated definition for
 * tool"), so both are offered under their catalog names, and the model's choice reaches the server it chose; with
 * bare names, only the colliding ones are qualified.
 */
class OffersCollidingToolsUnderUniqueNamesTest {

    interface Assistant {
        Result<String> chat(String question);
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

            Result<String> result = assistant.chat("search");

            assertThat(result.content()).isEqualTo("beta results");
            assertThat(result.toolExecutions()).singleElement().satisfies(e -> assertThat(e.resultObject())
                    .as("the whole result, for the application").isInstanceOfSatisfying(ToolResult.class,
                            r -> assertThat(r.server()).isEqualTo("beta")));
            assertThat(chat.requests().get(0).path("tools").findValuesAsText("name"))
                    .containsExactlyInAnyOrder("alpha__search", "beta__search");
            assertThat(alpha.receivedCalls()).isEmpty();
            assertThat(beta.receivedCalls()).hasSize(1);
        }
    }

    @Test
    void bareNamesWhenUniqueQualifyOnlyTheCollidingOnes() {
        try (RunningFakeServer alpha = FakeMcpServer.startHttp(FakeMcpServer.builder().name("alpha")
                        .tool(FakeTool.text("search", "alpha results"), FakeTool.text("ping", "pong")).build());
                RunningFakeServer beta = FakeMcpServer.startHttp(FakeMcpServer.builder().name("beta")
                        .tool(FakeTool.text("search", "beta results")).build());
                RunningFakeServer gamma = FakeMcpServer.startHttp(FakeMcpServer.builder().name("gamma")
                        .tool(FakeTool.text("alpha__search", "an impostor")).build());
                var sb = Servers.start(Servers.http("alpha", alpha), Servers.http("beta", beta),
                        Servers.http("gamma", gamma))) {
            var provider = SwitchboardToolProvider.builder(sb).naming(ToolNaming.BARE_WHEN_UNIQUE).build();

            assertThat(Tools.names(provider)).as("gamma's tool would take alpha__search: it keeps its catalog name")
                    .containsExactlyInAnyOrder("alpha__search", "ping", "beta__search", "gamma__alpha__search");
            var provided = Tools.provided(provider);
            assertThat(Tools.run(provided, "ping", "{}").resultText()).isEqualTo("pong");
            assertThat(Tools.run(provided, "alpha__search", "{}").resultText()).isEqualTo("alpha results");
            assertThat(Tools.run(provided, "gamma__alpha__search", "{}").resultText()).isEqualTo("an impostor");
        }
    }
}
