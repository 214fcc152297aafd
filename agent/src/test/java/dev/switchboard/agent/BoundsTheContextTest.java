package dev.switchboard.agent;

import static dev.switchboard.testing.ScriptedChatServer.answer;
import static dev.switchboard.testing.ScriptedChatServer.system;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeResource;
import dev.switchboard.testing.RunningFakeServer;
import dev.switchboard.testing.ScriptedChatServer;
import org.junit.jupiter.api.Test;

/**
 * The context given to the model is at most max context bytes: the first resource is cut to what is left (on a
 * character boundary, marked cut), and a resource that no longer fits is left out and named in the problems.
 */
class BoundsTheContextTest {

    @Test
    void resourcesBeyondTheBudgetAreCutOrLeftOut() {
        var scenario = FakeMcpServer.builder().name("crm")
                .resource(FakeResource.text("crm://customers", "customers", "text/plain", "ACMÉ, Globex, Initech"),
                        FakeResource.text("crm://orders", "orders", "text/plain", "17 open orders"))
                .build();
        try (RunningFakeServer server = FakeMcpServer.startHttp(scenario);
                var sb = Servers.start(Servers.http("crm", server));
                var chat = ScriptedChatServer.start(answer(request -> "ok"))) {
            var model = OpenAiChatModel.builder().baseUrl(chat.baseUrl()).apiKey("k").modelName("m").build();
            // "ACMÉ" is 5 bytes in UTF-8: 5 bytes keep "ACMÉ", 4 would keep "ACM".
            var pipeline = QueryPipeline.builder(sb, model).maxContextBytes(5).build();

            Answer answer = pipeline.answer("Which customers have open orders?");

            assertThat(answer.entities()).extracting(ResolvedEntity::entity).containsExactly("customers", "orders");
            assertThat(answer.context()).singleElement().satisfies(c -> {
                assertThat(c.text()).isEqualTo("ACMÉ");
                assertThat(c.truncated()).isTrue();
            });
            assertThat(answer.problems()).containsExactly("Left out crm+crm://orders for 'orders': the context is"
                    + " full (max context bytes 5); raise it to include more.");
            assertThat(system(chat.requests().get(0))).contains("### customers (from server crm, crm://customers,"
                    + " cut to fit)\nACMÉ").doesNotContain("Globex").doesNotContain("17 open orders");
        }
    }
}
