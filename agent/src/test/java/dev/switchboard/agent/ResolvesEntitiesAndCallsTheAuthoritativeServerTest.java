package dev.switchboard.agent;

import static dev.switchboard.testing.ScriptedChatServer.answer;
import static dev.switchboard.testing.ScriptedChatServer.callTool;
import static dev.switchboard.testing.ScriptedChatServer.system;
import static dev.switchboard.testing.ScriptedChatServer.toolResults;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.switchboard.MatchKind;
import dev.switchboard.Switchboard;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.RunningFakeServer;
import dev.switchboard.testing.ScriptedChatServer;
import example.AnswerAQuestion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A question that names "customers", which two servers list: the CRM (priority 10, domain sales) wins over the
 * archive (priority 50), its resource reaches the model's first request and the archive's does not; the model's
 * tool call reaches the CRM's server; the answer lists the call with its server and duration. It runs the example
 * of docs/integrations.md as it is.
 */
class ResolvesEntitiesAndCallsTheAuthoritativeServerTest {

    @Test
    void theHigherPriorityServerIsTheAuthorityAndTheModelsToolCallReachesIt(@TempDir Path dir) {
        try (RunningFakeServer crm = FakeMcpServer.startHttp(Scenarios.crm());
                RunningFakeServer archive = FakeMcpServer.startHttp(Scenarios.archive());
                var chat = ScriptedChatServer.start(
                        callTool("call_1", "crm__lookup_orders", "{\"customer\":\"ACME\"}"),
                        answer(request -> "ACME has 3 open orders. " + String.join(" | ", toolResults(request))))) {
            Path config = Config.crmAndArchive(dir, crm, archive);

            Answer answer = AnswerAQuestion.ask(config, chat.baseUrl(), "test-key",
                    "How many open orders do our Customers at ACME have?");

            assertThat(answer.entities()).singleElement().satisfies(e -> {
                assertThat(e.entity()).isEqualTo("customers");
                assertThat(e.server()).isEqualTo("crm");
                assertThat(e.uri()).isEqualTo("crm://customers");
                assertThat(e.match()).isEqualTo(MatchKind.EXACT);
                assertThat(e.why()).isEqualTo("crm (priority 10, exact match) wins over archive (priority 50, exact"
                        + " match)");
            });
            assertThat(answer.context()).singleElement().satisfies(c -> {
                assertThat(c.server()).isEqualTo("crm");
                assertThat(c.text()).isEqualTo(Scenarios.CRM_CUSTOMERS);
                assertThat(c.truncated()).isFalse();
            });
            List<JsonNode> requests = chat.requests();
            assertThat(requests).hasSize(2);
            assertThat(system(requests.get(0))).as("the model's first request carries the authority's resource")
                    .contains(Scenarios.CRM_CUSTOMERS).doesNotContain(Scenarios.ARCHIVE_CUSTOMERS);
            assertThat(requests.get(0).path("tools").findValuesAsText("name"))
                    .contains("crm__lookup_orders", "archive__lookup_orders");
            assertThat(crm.receivedCalls()).containsExactly(
                    new RunningFakeServer.Call("lookup_orders", Map.of("customer", "ACME")));
            assertThat(archive.receivedCalls()).isEmpty();
            assertThat(toolResults(requests.get(1))).containsExactly("{\"customer\":\"ACME\"}");
            assertThat(answer.toolCalls()).singleElement().satisfies(c -> {
                assertThat(c.server()).isEqualTo("crm");
                assertThat(c.tool()).isEqualTo("lookup_orders");
                assertThat(c.name()).isEqualTo("crm__lookup_orders");
                assertThat(c.arguments()).isEqualTo("{\"customer\":\"ACME\"}");
                assertThat(c.ok()).isTrue();
                assertThat(c.duration()).isNotNull().isGreaterThanOrEqualTo(Duration.ZERO);
            });
            assertThat(answer.text()).isEqualTo("ACME has 3 open orders. {\"customer\":\"ACME\"}");
            assertThat(answer.stoppedAtLimit()).isFalse();
        }
    }

    @Test
    void aDomainHintResolvesAmongThatDomainsServersOnly(@TempDir Path dir) {
        try (RunningFakeServer crm = FakeMcpServer.startHttp(Scenarios.crm());
                RunningFakeServer archive = FakeMcpServer.startHttp(Scenarios.archive());
                var chat = ScriptedChatServer.start(answer(request -> "From the archive."));
                Switchboard sb = Switchboard.start(ConfigLoader.create()
                        .load(Config.crmAndArchive(dir, crm, archive)))) {
            var model = OpenAiChatModel.builder().baseUrl(chat.baseUrl()).apiKey("k").modelName("m").build();
            var pipeline = QueryPipeline.builder(sb, model).domain("archive").build();

            Answer answer = pipeline.answer("What did the customers order in 2019?");

            assertThat(answer.entities()).singleElement().satisfies(e -> {
                assertThat(e.server()).isEqualTo("archive");
                assertThat(e.why()).isEqualTo("only archive (priority 50, exact match) has it among the servers of"
                        + " domain 'archive'");
            });
            assertThat(system(chat.requests().get(0))).contains(Scenarios.ARCHIVE_CUSTOMERS)
                    .doesNotContain(Scenarios.CRM_CUSTOMERS);
            assertThat(answer.toolCalls()).isEmpty();
            assertThat(answer.text()).isEqualTo("From the archive.");
        }
    }
}
