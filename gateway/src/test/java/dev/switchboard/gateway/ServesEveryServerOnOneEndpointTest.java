package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakePrompt;
import dev.switchboard.testing.FakeResource;
import dev.switchboard.testing.FakeTool;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The MCP Java SDK client, through the gateway, sees two stdio servers as one: their tools under qualified names,
 * their prompts and resources, and calls that reach the right server with their arguments and results intact.
 */
class ServesEveryServerOnOneEndpointTest {
    private static Fixture fixture;
    private static McpSyncClient client;

    @BeforeAll
    static void start() {
        fixture = Fixture.start(List.of(
                Fixture.stdio("alpha", FakeMcpServer.builder().name("alpha-server")
                        .tool(FakeTool.echo("echo"), FakeTool.error("broken", "disk full"))
                        .resource(FakeResource.text("mem://shared", "shared", "text/plain", "from alpha"))
                        .prompt(FakePrompt.of("greet", "Say hello", List.of(), "Hello!")).build()),
                Fixture.stdio("beta", FakeMcpServer.builder().name("beta-server")
                        .tool(FakeTool.text("echo", "beta's echo"), FakeTool.text("lookup", "found it"))
                        .resource(FakeResource.text("mem://shared", "shared", "text/plain", "from beta"),
                                FakeResource.text("mem://beta-only", "only", "text/plain", "just beta"))
                        .build())));
        client = fixture.javaClient();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.closeGracefully();
        }
        fixture.close();
    }

    @Test
    void initializeNamesTheGatewayAndOffersWhatTheServersOffer() {
        McpSchema.InitializeResult init = client.getCurrentInitializationResult();
        assertThat(init.serverInfo().name()).isEqualTo("switchboard");
        assertThat(init.capabilities().tools()).isNotNull();
        assertThat(init.capabilities().prompts()).isNotNull();
        assertThat(init.capabilities().resources()).isNotNull();
        assertThat(init.instructions()).contains("alpha", "beta");
    }

    @Test
    void listsEveryToolUnderItsQualifiedName() {
        assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
                .containsExactly("alpha__broken", "alpha__echo", "beta__echo", "beta__lookup");
    }

    @Test
    void callsReachTheirServerAndResultsComeBackIntact() {
        McpSchema.CallToolResult echo = client.callTool(new McpSchema.CallToolRequest("alpha__echo",
                Map.of("city", "Zürich", "n", 3)));
        McpSchema.CallToolResult beta = client.callTool(new McpSchema.CallToolRequest("beta__echo", Map.of()));
        McpSchema.CallToolResult broken = client.callTool(new McpSchema.CallToolRequest("alpha__broken", Map.of()));

        assertThat(text(echo)).contains("\"city\":\"Zürich\"", "\"n\":3");
        assertThat(text(beta)).isEqualTo("beta's echo");
        assertThat(broken.isError()).isTrue();
        assertThat(text(broken)).contains("disk full");
    }

    @Test
    void anUnknownToolIsAnErrorThatSaysWhereToLook() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.callTool(
                new McpSchema.CallToolRequest("gamma__echo", Map.of())))
                .hasMessageContaining("Unknown tool: 'gamma__echo'").hasMessageContaining("tools/list");
    }

    @Test
    void resourcesSharedByTwoServersAreQualifiedAndReadFromTheirOwner() {
        assertThat(client.listResources().resources()).extracting(McpSchema.Resource::uri)
                .containsExactlyInAnyOrder("alpha+mem://shared", "beta+mem://shared", "mem://beta-only");

        assertThat(contents(client.readResource(new McpSchema.ReadResourceRequest("beta+mem://shared"))))
                .isEqualTo("from beta");
        assertThat(contents(client.readResource(new McpSchema.ReadResourceRequest("mem://beta-only"))))
                .isEqualTo("just beta");
    }

    @Test
    void promptsAreListedAndGot() {
        assertThat(client.listPrompts().prompts()).extracting(McpSchema.Prompt::name).containsExactly("alpha__greet");
        McpSchema.GetPromptResult prompt = client.getPrompt(new McpSchema.GetPromptRequest("alpha__greet", Map.of()));
        assertThat(prompt.messages()).isNotEmpty();
    }

    private static String text(McpSchema.CallToolResult r) {
        return ((McpSchema.TextContent) r.content().get(0)).text();
    }

    private static String contents(McpSchema.ReadResourceResult r) {
        return ((McpSchema.TextResourceContents) r.contents().get(0)).text();
    }
}
