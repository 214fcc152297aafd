package dev.switchboard.langchain4j;

import static dev.switchboard.testing.ScriptedChatServer.answer;
import static dev.switchboard.testing.ScriptedChatServer.callTool;
import static dev.switchboard.testing.ScriptedChatServer.toolResults;
import static dev.switchboard.langchain4j.Tools.names;
import static dev.switchboard.langchain4j.Tools.provided;
import static dev.switchboard.langchain4j.Tools.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import dev.switchboard.testing.ScriptedChatServer;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * One provider, built once, follows the catalog: a server added by a reload, a server disabled and enabled again,
 * and a server whose tools changed are seen by the next AI service call without building anything again; a dynamic
 * provider shows a new server's tools within the same AI service call.
 */
class FollowsCatalogChangesTest {

    @Test
    void serversAddedDisabledAndEnabledAreSeenByTheSameProvider() {
        try (RunningFakeServer alpha = FakeMcpServer.startHttp(FakeMcpServer.builder().name("alpha")
                        .tool(FakeTool.text("hello", "from alpha")).build());
                RunningFakeServer beta = FakeMcpServer.startHttp(FakeMcpServer.builder().name("beta")
                        .tool(FakeTool.text("hello", "from beta")).build());
                var sb = Servers.start(Servers.http("alpha", alpha))) {
            var provider = SwitchboardToolProvider.of(sb);
            assertThat(names(provider)).containsExactly("alpha__hello");

            sb.reload(SwitchboardConfig.of(List.of(Servers.http("alpha", alpha), Servers.http("beta", beta))));
            assertThat(names(provider)).containsExactlyInAnyOrder("alpha__hello", "beta__hello");
            assertThat(run(provided(provider), "beta__hello", "{}").resultText()).isEqualTo("from beta");

            sb.disable("alpha");
            assertThat(names(provider)).containsExactly("beta__hello");

            sb.enable("alpha");
            await().atMost(Duration.ofSeconds(30)).until(() -> names(provider).contains("alpha__hello"));
            assertThat(run(provided(provider), "alpha__hello", "{}").resultText()).isEqualTo("from alpha");
        }
    }

    @Test
    void aServerWhoseToolsChangedIsOfferedWithItsNewTools() {
        try (RunningFakeServer v1 = FakeMcpServer.startHttp(FakeMcpServer.builder().name("svc")
                        .tool(FakeTool.text("lookup", "v1").withDescription("Looks up, version 1")).build());
                RunningFakeServer v2 = FakeMcpServer.startHttp(FakeMcpServer.builder().name("svc")
                        .tool(FakeTool.text("lookup", "v2").withDescription("Looks up, version 2"),
                                FakeTool.text("extra", "x")).build());
                var sb = Servers.start(Servers.http("svc", v1))) {
            var provider = SwitchboardToolProvider.of(sb);
            assertThat(provider.toolSpecifications()).singleElement()
                    .satisfies(s -> assertThat(s.description()).isEqualTo("Looks up, version 1"));

            sb.reload(SwitchboardConfig.of(List.of(Servers.http("svc", v2))));

            assertThat(provider.toolSpecifications()).extracting(s -> s.name() + ": " + s.description())
                    .containsExactlyInAnyOrder("svc__lookup: Looks up, version 2",
                            "svc__extra: Fake tool extra (TEXT)");
        }
    }

    interface Assistant {
        String chat(String question);
    }

    @Test
    void aDynamicProviderOffersAServerThatArrivesDuringOneAiServiceCall() {
        try (RunningFakeServer alpha = FakeMcpServer.startHttp(FakeMcpServer.builder().name("alpha")
                        .tool(FakeTool.text("hello", "from alpha")).build());
                RunningFakeServer beta = FakeMcpServer.startHttp(FakeMcpServer.builder().name("beta")
                        .tool(FakeTool.text("hello", "from beta")).build());
                var sb = Servers.start(Servers.http("alpha", alpha))) {
            Function<JsonNode, ObjectNode> askAlpha = callTool("c1", "alpha__hello", "{}");
            // While the model "thinks" about its first answer, a reload adds the server beta.
            Function<JsonNode, ObjectNode> addBetaThenAskAlpha = request -> {
                sb.reload(SwitchboardConfig.of(List.of(Servers.http("alpha", alpha), Servers.http("beta", beta))));
                return askAlpha.apply(request);
            };
            try (var chat = ScriptedChatServer.start(addBetaThenAskAlpha, callTool("c2", "beta__hello", "{}"),
                    answer(request -> String.join(" + ", toolResults(request))))) {
                var provider = SwitchboardToolProvider.builder(sb).dynamic(true).build();
                var model = OpenAiChatModel.builder().baseUrl(chat.baseUrl()).apiKey("test-key")
                        .modelName("scripted").build();
                Assistant assistant = AiServices.builder(Assistant.class).chatModel(model).toolProvider(provider)
                        .build();

                assertThat(assistant.chat("hello everyone")).isEqualTo("from alpha + from beta");
                assertThat(chat.requests().get(0).path("tools").findValuesAsText("name"))
                        .containsExactly("alpha__hello");
                assertThat(chat.requests().get(1).path("tools").findValuesAsText("name"))
                        .containsExactlyInAnyOrder("alpha__hello", "beta__hello");
                assertThat(beta.receivedCalls()).hasSize(1);
            }
        }
    }
}
