package dev.switchboard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Tools that ask the client that called them (sampling, elicitation) or tell it something (logging) mid-call. */
@Timeout(60)
class AsksTheCallingClientTest {

    private static final Map<String, Object> SCHEMA = Map.of("type", "object",
            "properties", Map.of("city", Map.of("type", "string", "default", "Zürich")));
    private static final List<McpSchema.CreateMessageRequest> samplings = new CopyOnWriteArrayList<>();
    private static final List<McpSchema.ElicitFormRequest> elicitations = new CopyOnWriteArrayList<>();
    private static final LinkedBlockingQueue<McpSchema.LoggingMessageNotification> logs = new LinkedBlockingQueue<>();
    private static RunningFakeServer server;
    private static McpSyncClient capable;
    private static McpSyncClient plain;

    @BeforeAll
    static void start() {
        server = FakeMcpServer.builder().name("asker")
                .tool(FakeTool.sampling("ask_llm"), FakeTool.elicitation("ask_user", null, SCHEMA),
                        FakeTool.elicitation("ask_city", "Which city?", SCHEMA),
                        FakeTool.logging("chatty", 3, Duration.ZERO))
                .startHttp();
        capable = McpClient.sync(transport())
                .capabilities(McpSchema.ClientCapabilities.builder().sampling().elicitation().build())
                .sampling(request -> {
                    samplings.add(request);
                    return McpSchema.CreateMessageResult.builder(McpSchema.Role.ASSISTANT, "it is sunny", "m1").build();
                })
                .elicitation(request -> {
                    elicitations.add(request);
                    return new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, Map.of("city", "Bern"));
                })
                .loggingConsumer(logs::add)
                .requestTimeout(Clients.TIMEOUT).build();
        capable.initialize();
        plain = McpClient.sync(transport()).requestTimeout(Clients.TIMEOUT).build();
        plain.initialize();
    }

    @AfterAll
    static void stop() {
        capable.closeGracefully();
        plain.closeGracefully();
        server.close();
    }

    @Test
    void samplingSendsThePromptToTheClientAndReturnsItsAnswer() {
        var result = Clients.call(capable, "ask_llm", Map.of("prompt", "weather?"));

        assertThat(Clients.text(result)).isEqualTo("LLM response: it is sunny");
        assertThat(samplings).singleElement().satisfies(r -> {
            assertThat(r.maxTokens()).isEqualTo(100);
            assertThat(((McpSchema.TextContent) r.messages().getFirst().content()).text()).isEqualTo("weather?");
        });
    }

    @Test
    void elicitationShowsTheMessageAndSchemaAndReturnsTheAnswer() {
        var fromArgument = Clients.call(capable, "ask_user", Map.of("message", "Where are you?"));
        var fixed = Clients.call(capable, "ask_city", Map.of());

        assertThat(Clients.text(fromArgument))
                .isEqualTo("Elicitation completed: action=accept, content={\"city\":\"Bern\"}");
        assertThat(fixed.isError()).isFalse();
        assertThat(elicitations).extracting(McpSchema.ElicitFormRequest::message)
                .containsExactlyInAnyOrder("Where are you?", "Which city?");
        assertThat(elicitations).allSatisfy(r -> assertThat(r.requestedSchema()).isEqualTo(SCHEMA));
    }

    @Test
    void aClientWithoutTheCapabilityGetsAnErrorResult() {
        var sampling = Clients.call(plain, "ask_llm", Map.of("prompt", "weather?"));
        var elicitation = Clients.call(plain, "ask_city", Map.of());

        assertThat(sampling.isError()).isTrue();
        assertThat(Clients.text(sampling)).contains("sampling");
        assertThat(elicitation.isError()).isTrue();
        assertThat(Clients.text(elicitation)).contains("elicitation");
    }

    @Test
    void loggingSendsItsMessagesAtLevelInfo() throws InterruptedException {
        var result = Clients.call(capable, "chatty", Map.of());
        List<McpSchema.LoggingMessageNotification> seen = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            seen.add(logs.poll(Clients.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        }

        assertThat(Clients.text(result)).isEqualTo("logged 3 messages");
        // The SDK client may hand notifications to the consumer out of order.
        assertThat(seen).extracting(McpSchema.LoggingMessageNotification::data)
                .containsExactlyInAnyOrder("chatty log 1/3", "chatty log 2/3", "chatty log 3/3");
        assertThat(seen).allSatisfy(n -> {
            assertThat(n.level()).isEqualTo(McpSchema.LoggingLevel.INFO);
            assertThat(n.logger()).isEqualTo("chatty");
        });
    }

    private static HttpClientStreamableHttpTransport transport() {
        return HttpClientStreamableHttpTransport.builder(server.baseUrl()).endpoint("/mcp").build();
    }
}
