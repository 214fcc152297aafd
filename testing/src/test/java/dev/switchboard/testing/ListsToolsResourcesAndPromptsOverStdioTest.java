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

@Timeout(60)
class ListsToolsResourcesAndPromptsOverStdioTest {

    private static McpSyncClient client;

    @BeforeAll
    static void start() {
        var scenario = FakeMcpServer.builder().name("alpha").version("2.3.4")
                .tool(FakeTool.echo("echo").readOnly(), FakeTool.text("hello", "hi there").withDescription("Greets"))
                .resource(FakeResource.text("mem://notes/1", "note", "text/plain", "first note"),
                        FakeResource.blob("mem://bin/1", "bin", "application/octet-stream", new byte[] {1, 2, 3}))
                .prompt(FakePrompt.of("greet", "Greets someone", List.of("who"), "Hello, {{who}}!"))
                .build();
        client = Clients.stdio(FakeMcpServer.stdioCommand(scenario), Map.of());
        client.initialize();
    }

    @AfterAll
    static void stop() {
        client.closeGracefully();
    }

    @Test
    void reportsServerIdentity() {
        assertThat(client.getServerInfo().name()).isEqualTo("alpha");
        assertThat(client.getServerInfo().version()).isEqualTo("2.3.4");
    }

    @Test
    void listsToolsWithDescriptionsAndAnnotations() {
        var tools = client.listTools().tools();
        assertThat(tools).extracting(McpSchema.Tool::name).containsExactly("echo", "hello");
        assertThat(tools.get(0).annotations().readOnlyHint()).isTrue();
        assertThat(tools.get(1).description()).isEqualTo("Greets");
    }

    @Test
    void callsTools() {
        assertThat(Clients.text(Clients.call(client, "echo", Map.of("b", 2, "a", "x"))))
                .isEqualTo("{\"a\":\"x\",\"b\":2}");
        assertThat(Clients.text(Clients.call(client, "hello", Map.of()))).isEqualTo("hi there");
    }

    @Test
    void listsAndReadsTextAndBlobResources() {
        assertThat(client.listResources().resources()).extracting(McpSchema.Resource::uri)
                .containsExactlyInAnyOrder("mem://notes/1", "mem://bin/1");
        var text = read("mem://notes/1");
        assertThat(((McpSchema.TextResourceContents) text).text()).isEqualTo("first note");
        var blob = read("mem://bin/1");
        assertThat(Base64.getDecoder().decode(((McpSchema.BlobResourceContents) blob).blob()))
                .containsExactly(1, 2, 3);
    }

    @Test
    void listsAndRendersPrompts() {
        var prompt = client.listPrompts().prompts().getFirst();
        assertThat(prompt.name()).isEqualTo("greet");
        assertThat(prompt.arguments()).extracting(McpSchema.PromptArgument::name).containsExactly("who");
        var request = McpSchema.GetPromptRequest.builder("greet").arguments(Map.of("who", "Ada")).build();
        var result = client.getPrompt(request);
        assertThat(((McpSchema.TextContent) result.messages().getFirst().content()).text()).isEqualTo("Hello, Ada!");
    }

    private static McpSchema.ResourceContents read(String uri) {
        return client.readResource(McpSchema.ReadResourceRequest.builder(uri).build()).contents().getFirst();
    }
}
