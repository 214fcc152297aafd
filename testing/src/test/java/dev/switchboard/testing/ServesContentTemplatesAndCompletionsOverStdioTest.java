package dev.switchboard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A child-process fake serves what the content factories describe: images, audio and embedded resources in tool
 * results and prompts, resource templates filled from the URI, completions of prompt arguments, subscriptions.
 */
@Timeout(60)
class ServesContentTemplatesAndCompletionsOverStdioTest {

    private static final byte[] PIXEL = {(byte) 0x89, 'P', 'N', 'G'};
    private static McpSyncClient client;

    @BeforeAll
    static void start() {
        var scenario = FakeMcpServer.builder().name("rich")
                .tool(FakeTool.content("mixed", FakeContent.text("look:"), FakeContent.image("image/png", PIXEL),
                        FakeContent.audio("audio/wav", new byte[] {1, 2}),
                        FakeContent.resource("mem://doc", "text/plain", "the doc")))
                .resource(FakeResource.text("mem://watched", "watched", "text/plain", "now"))
                .resourceTemplate(FakeResourceTemplate.of("mem://users/{id}/card", "card", "application/json",
                        "{\"user\":\"{id}\"}"))
                .prompt(FakePrompt.withMessages("show", "Shows a document", List.of("uri"),
                                FakeContent.resource("{{uri}}", "text/plain", "content of {{uri}}"),
                                FakeContent.text("Summarise it.")),
                        FakePrompt.of("trip", "Plans a trip", List.of("city"), "Go to {{city}}")
                                .withCompletions("city", "Paris", "Parma", "Bern"))
                .build();
        client = Clients.stdio(FakeMcpServer.stdioCommand(scenario), Map.of());
        client.initialize();
    }

    @AfterAll
    static void stop() {
        client.closeGracefully();
    }

    @Test
    void aContentToolReturnsEachItemInOrder() {
        var content = Clients.call(client, "mixed", Map.of()).content();

        assertThat(content).hasSize(4);
        assertThat(((McpSchema.TextContent) content.get(0)).text()).isEqualTo("look:");
        var image = (McpSchema.ImageContent) content.get(1);
        assertThat(image.mimeType()).isEqualTo("image/png");
        assertThat(Base64.getDecoder().decode(image.data())).isEqualTo(PIXEL);
        assertThat(((McpSchema.AudioContent) content.get(2)).mimeType()).isEqualTo("audio/wav");
        var embedded = (McpSchema.TextResourceContents) ((McpSchema.EmbeddedResource) content.get(3)).resource();
        assertThat(embedded.uri()).isEqualTo("mem://doc");
        assertThat(embedded.text()).isEqualTo("the doc");
    }

    @Test
    void aTemplateAnswersReadsOfUrisThatFitIt() {
        assertThat(client.listResourceTemplates().resourceTemplates())
                .extracting(McpSchema.ResourceTemplate::uriTemplate).containsExactly("mem://users/{id}/card");
        var read = client.readResource(McpSchema.ReadResourceRequest.builder("mem://users/42/card").build());

        var contents = (McpSchema.TextResourceContents) read.contents().getFirst();
        assertThat(contents.uri()).isEqualTo("mem://users/42/card");
        assertThat(contents.mimeType()).isEqualTo("application/json");
        assertThat(contents.text()).isEqualTo("{\"user\":\"42\"}");
    }

    @Test
    void aPromptRendersEachMessageWithItsArguments() {
        var result = client.getPrompt(McpSchema.GetPromptRequest.builder("show")
                .arguments(Map.of("uri", "mem://a")).build());

        assertThat(result.messages()).hasSize(2).allSatisfy(m -> assertThat(m.role()).isEqualTo(McpSchema.Role.USER));
        var embedded = (McpSchema.TextResourceContents)
                ((McpSchema.EmbeddedResource) result.messages().get(0).content()).resource();
        assertThat(embedded.uri()).isEqualTo("mem://a");
        assertThat(embedded.text()).isEqualTo("content of mem://a");
        assertThat(((McpSchema.TextContent) result.messages().get(1).content()).text()).isEqualTo("Summarise it.");
    }

    @Test
    void completionOffersTheValuesThatStartWithWhatWasTyped() {
        assertThat(client.getCurrentInitializationResult().capabilities().completions()).isNotNull();
        var result = client.completeCompletion(new McpSchema.CompleteRequest(new McpSchema.PromptReference("trip"),
                new McpSchema.CompleteRequest.CompleteArgument("city", "par")));

        assertThat(result.completion().values()).containsExactly("Paris", "Parma");
        assertThat(result.completion().total()).isEqualTo(2);
    }

    @Test
    void subscriptionsAndLogLevelsAreAccepted() {
        assertThat(client.getCurrentInitializationResult().capabilities().resources().subscribe()).isTrue();

        client.subscribeResource(new McpSchema.SubscribeRequest("mem://watched"));
        client.unsubscribeResource(new McpSchema.UnsubscribeRequest("mem://watched"));
        client.setLoggingLevel(McpSchema.LoggingLevel.DEBUG);
    }
}
