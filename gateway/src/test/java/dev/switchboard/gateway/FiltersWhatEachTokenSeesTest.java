package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A token restricted to one server (or one tool) sees only that in every list and in {@code initialize}, and a call
 * of anything else is answered exactly as a call of a tool that does not exist; an unrestricted token sees it all.
 */
class FiltersWhatEachTokenSeesTest {
    private static Guarded gateway;
    private static McpSyncClient admin;
    private static McpSyncClient githubOnly;
    private static McpSyncClient searchOnly;

    @BeforeAll
    static void start() {
        gateway = Guarded.start();
        admin = gateway.client(Guarded.ADMIN.token());
        githubOnly = gateway.client(Guarded.GITHUB_ONLY.token());
        searchOnly = gateway.client(Guarded.SEARCH_ONLY.token());
    }

    @AfterAll
    static void stop() {
        for (McpSyncClient c : new McpSyncClient[] {admin, githubOnly, searchOnly}) {
            if (c != null) {
                c.closeGracefully();
            }
        }
        gateway.close();
    }

    @Test
    void eachTokenListsOnlyWhatItMaySee() {
        assertThat(admin.listTools().tools()).extracting(McpSchema.Tool::name)
                .containsExactly("docs__lookup", "github__delete_repo", "github__search");
        assertThat(githubOnly.listTools().tools()).extracting(McpSchema.Tool::name)
                .containsExactly("github__delete_repo", "github__search");
        assertThat(searchOnly.listTools().tools()).extracting(McpSchema.Tool::name)
                .containsExactly("github__search");

        assertThat(admin.listPrompts().prompts()).extracting(McpSchema.Prompt::name).containsExactly("docs__explain");
        assertThat(githubOnly.listPrompts().prompts()).isEmpty();
        assertThat(admin.listResources().resources()).extracting(McpSchema.Resource::uri)
                .containsExactly("docs://index");
        assertThat(githubOnly.listResources().resources()).isEmpty();
    }

    @Test
    void initializeNamesOnlyTheServersTheTokenMaySee() {
        assertThat(admin.getCurrentInitializationResult().instructions()).contains("github", "docs");
        assertThat(githubOnly.getCurrentInitializationResult().instructions()).contains("github")
                .doesNotContain("docs");
    }

    @Test
    void aHiddenToolIsAnsweredExactlyAsAnUnknownOne() {
        String hidden = failure(githubOnly, "docs__lookup");
        String unknown = failure(githubOnly, "docs__lookupx");
        String hiddenByGlob = failure(searchOnly, "github__delete_repo");

        assertThat(hidden).isEqualTo(unknown.replace("docs__lookupx", "docs__lookup")).contains("Unknown tool");
        assertThat(hiddenByGlob).isEqualTo(unknown.replace("docs__lookupx", "github__delete_repo"));
        assertThat(text(githubOnly.callTool(new McpSchema.CallToolRequest("github__search", Map.of("q", "x")))))
                .contains("\"q\":\"x\"");
        assertThat(text(admin.callTool(new McpSchema.CallToolRequest("docs__lookup", Map.of())))).isEqualTo("found");
    }

    @Test
    void aHiddenServersPromptsAndResourcesDoNotExistForTheToken() {
        Throwable prompt = catchThrowable(() -> githubOnly.getPrompt(new McpSchema.GetPromptRequest("docs__explain",
                Map.of())));
        Throwable resource = catchThrowable(() -> githubOnly.readResource(new McpSchema.ReadResourceRequest(
                "docs://index")));

        assertThat(prompt).hasMessageContaining("Unknown prompt: 'docs__explain'");
        assertThat(resource).hasMessageContaining("Resource not found: 'docs://index'");
        assertThat(admin.readResource(new McpSchema.ReadResourceRequest("docs://index")).contents()).hasSize(1);
    }

    private static String failure(McpSyncClient client, String tool) {
        Throwable t = catchThrowable(() -> client.callTool(new McpSchema.CallToolRequest(tool, Map.of())));
        assertThat(t).as("calling " + tool).isNotNull();
        return t.getMessage();
    }

    private static String text(McpSchema.CallToolResult r) {
        return ((McpSchema.TextContent) r.content().get(0)).text();
    }
}
