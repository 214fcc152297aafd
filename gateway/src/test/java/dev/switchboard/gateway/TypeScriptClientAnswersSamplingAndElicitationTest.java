package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.testing.ReferenceServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The official TypeScript SDK client answers the sampling and elicitation requests that server-everything makes
 * during its calls through the gateway, over Streamable HTTP and over the legacy HTTP+SSE transport: the client's
 * request handlers receive the server's requests as the server made them and the tool results carry the client's
 * answers; a client that did not declare sampling gets a tool result that says so at once, not a timeout.
 */
class TypeScriptClientAnswersSamplingAndElicitationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SAMPLING = "everything__trigger-sampling-request";
    private static final String ELICITATION = "everything__trigger-elicitation-request";
    private static Fixture fixture;

    @BeforeAll
    static void start() {
        fixture = Fixture.start(List.of(Fixture.stdio("everything", ReferenceServer.everythingStdio())));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @ParameterizedTest
    @EnumSource(ClientTransport.class)
    void theHandlersGetTheServersRequestsAndTheServerGetsTheirAnswers(ClientTransport transport) throws Exception {
        List<JsonNode> lines = NodeScript.run("answer-requests.mjs", transport.of(fixture.gateway),
                SAMPLING, "a haiku about gateways", ELICITATION);

        JsonNode answers = NodeScript.with(lines, "answers");
        JsonNode sampling = NodeScript.with(lines, "sampling");
        assertThat(sampling.at("/params/messages/0/content/text").asText()).as("the server's prompt, as it made it")
                .isEqualTo("Resource trigger-sampling-request context: a haiku about gateways");
        assertThat(sampling.at("/params/systemPrompt").asText()).isEqualTo("You are a helpful test server.");
        assertThat(sampling.at("/params/maxTokens").asInt()).isEqualTo(16);
        assertThat(sampling.path("requestId").asText()).as("an id of the gateway's own").startsWith("switchboard-");
        JsonNode sampled = NodeScript.with(lines, "sampled");
        assertThat(sampled.path("isError").asBoolean()).isFalse();
        String sampledText = sampled.at("/content/0/text").asText();
        assertThat(sampledText).startsWith("LLM sampling result:");
        assertThat(JSON.readTree(sampledText.substring(sampledText.indexOf('{'))))
                .as("the client's answer, as the server got it").isEqualTo(answers.get("sampling"));

        JsonNode elicitation = NodeScript.with(lines, "elicitation");
        assertThat(elicitation.at("/params/message").asText())
                .isEqualTo("Please provide inputs for the following fields:");
        assertThat(elicitation.at("/params/requestedSchema/required").toString()).isEqualTo("[\"name\"]");
        assertThat(elicitation.at("/params/requestedSchema/properties/name/type").asText()).isEqualTo("string");
        assertThat(elicitation.path("requestId").asText()).as("an id of the gateway's own").startsWith("switchboard-");
        JsonNode elicited = NodeScript.with(lines, "elicited");
        assertThat(elicited.path("isError").asBoolean()).isFalse();
        assertThat(elicited.at("/content/1/text").asText()).contains("- Name: Ada Lovelace", "- Agreed to terms: true");
        String raw = elicited.at("/content/2/text").asText();
        assertThat(raw).contains("Raw result:");
        assertThat(JSON.readTree(raw.substring(raw.indexOf('{'))))
                .as("the client's answer, as the server got it: with the defaults of the fields it left out")
                .isEqualTo(withDefaults(answers.get("elicitation"), elicitation.at("/params/requestedSchema")));
        assertThat(NodeScript.reported(lines)).isEmpty();
    }

    /** The server's sampling request is refused at once: were it left waiting, the script's call would time out. */
    @ParameterizedTest
    @EnumSource(ClientTransport.class)
    void aClientWithoutSamplingGetsAResultSayingSoNotATimeout(ClientTransport transport) throws Exception {
        List<JsonNode> lines = NodeScript.run("call.mjs", transport.of(fixture.gateway), SAMPLING,
                "{\"prompt\": \"hello\", \"maxTokens\": 16}");

        JsonNode result = NodeScript.with(lines, "result");
        assertThat(result.path("isError").asBoolean()).isTrue();
        assertThat(result.at("/content/0/text").asText()).contains("did not declare the sampling capability");
        assertThat(NodeScript.reported(lines)).isEmpty();
    }

    /**
     * The server gets a form elicitation's answer with the requested schema's defaults in the fields the client left
     * out, although this client did not declare {@code elicitation.form.applyDefaults}: the gateway's own connection
     * to the server declares it (core's ServerRequests) and fills them in, for every client alike.
     */
    private static JsonNode withDefaults(JsonNode answer, JsonNode schema) {
        ObjectNode expected = answer.deepCopy();
        ObjectNode content = (ObjectNode) expected.get("content");
        schema.path("properties").properties().forEach(p -> {
            if (p.getValue().has("default") && !content.has(p.getKey())) {
                content.set(p.getKey(), p.getValue().get("default"));
            }
        });
        assertThat(content.size()).as("the schema has defaults for fields the client left out")
                .isGreaterThan(answer.get("content").size());
        return expected;
    }
}
