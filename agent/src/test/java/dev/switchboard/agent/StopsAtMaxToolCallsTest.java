package dev.switchboard.agent;

import static dev.switchboard.testing.ScriptedChatServer.answer;
import static dev.switchboard.testing.ScriptedChatServer.callTool;
import static dev.switchboard.testing.ScriptedChatServer.callTools;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import dev.switchboard.testing.ScriptedChatServer;
import org.junit.jupiter.api.Test;

/** A model that keeps asking for tools is stopped at max tool calls, and the answer says so and how to go on. */
class StopsAtMaxToolCallsTest {

    @Test
    void theThirdCallIsNotRunWhenTheLimitIsTwo() {
        var scenario = FakeMcpServer.builder().name("svc").tool(FakeTool.echo("echo")).build();
        try (RunningFakeServer server = FakeMcpServer.startHttp(scenario);
                var sb = Servers.start(Servers.http("svc", server));
                var chat = ScriptedChatServer.start(callTool("c1", "svc__echo", "{\"n\":1}"),
                        callTool("c2", "svc__echo", "{\"n\":2}"), callTool("c3", "svc__echo", "{\"n\":3}"),
                        answer(request -> "never reached"))) {
            var model = OpenAiChatModel.builder().baseUrl(chat.baseUrl()).apiKey("k").modelName("m").build();

            Answer answer = QueryPipeline.builder(sb, model).maxToolCalls(2).build().answer("Loop forever.");

            assertThat(answer.stoppedAtLimit()).isTrue();
            assertThat(answer.text()).isEqualTo("Stopped after 2 tool calls (the pipeline's max tool calls) without an"
                    + " answer: the model still asked for 'svc__echo'. Raise max tool calls or ask a narrower"
                    + " question.");
            assertThat(answer.toolCalls()).hasSize(2).allMatch(ToolCallReport::ok);
            assertThat(server.receivedCalls()).hasSize(2);
            assertThat(chat.requests()).as("no request after the limit").hasSize(3);
        }
    }

    @Test
    void ofSeveralCallsInOneTurnOnlyThoseWithinTheLimitRun() {
        var scenario = FakeMcpServer.builder().name("svc").tool(FakeTool.echo("echo"), FakeTool.echo("other")).build();
        try (RunningFakeServer server = FakeMcpServer.startHttp(scenario);
                var sb = Servers.start(Servers.http("svc", server));
                var chat = ScriptedChatServer.start(callTools("c1", "svc__echo", "{\"n\":1}", "c2", "svc__echo",
                        "{\"n\":2}", "c3", "svc__other", "{\"n\":3}"), answer(request -> "never reached"))) {
            var model = OpenAiChatModel.builder().baseUrl(chat.baseUrl()).apiKey("k").modelName("m").build();

            Answer answer = QueryPipeline.builder(sb, model).maxToolCalls(2).build().answer("All three at once.");

            assertThat(answer.stoppedAtLimit()).isTrue();
            assertThat(answer.text()).contains("the model still asked for 'svc__other'");
            assertThat(answer.toolCalls()).extracting(ToolCallReport::arguments)
                    .containsExactly("{\"n\":1}", "{\"n\":2}");
            assertThat(server.receivedCalls()).extracting(RunningFakeServer.Call::tool)
                    .containsExactlyInAnyOrder("echo", "echo");
            assertThat(chat.requests()).hasSize(1);
        }
    }
}
