package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With {@code gateway.oauth}, an MCP client (the Java SDK's) that presents a JWT access token of the configured
 * issuer, for the gateway's resource URL and with the required scope, lists and calls tools; the static tokens of
 * {@code gateway.tokens} keep working next to it; a client whose token was refreshed keeps its session, while another
 * identity cannot use it; the issuer's metadata is read once to find its keys.
 */
class AcceptsAccessTokensOfTheIssuerTest {
    private static OAuthGuarded guarded;
    private static RawClient raw;

    @BeforeAll
    static void start() {
        guarded = new OAuthGuarded();
        raw = new RawClient(guarded.url());
    }

    @AfterAll
    static void stop() {
        guarded.close();
    }

    @Test
    void aClientWithAValidAccessTokenListsAndCallsTools() {
        var client = guarded.client(guarded.token("alice", "mcp mcp:use"));
        try {
            assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
                    .containsExactlyInAnyOrder("github__search", "github__delete_repo", "docs__lookup");
            var result = client.callTool(new McpSchema.CallToolRequest("docs__lookup", Map.of()));
            assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
            assertThat(((McpSchema.TextContent) result.content().get(0)).text()).isEqualTo("found");
        } finally {
            client.closeGracefully();
        }
        assertThat(guarded.issuer.jwksFetches()).as("the keys are fetched once and kept").isEqualTo(1);
    }

    @Test
    void anAudienceWithTheSchemeAndHostInUpperCaseIsTheSameResource() {
        String upper = guarded.url().toString().replace("http://127.0.0.1", "HTTP://127.0.0.1");
        String other = guarded.url().toString().replace("/mcp", "/MCP");

        assertThat(raw.post(RawClient.initializeBody("2025-11-25"), Guarded.bearer(guarded.issuer.token(upper,
                "alice", "mcp mcp:use"))).status()).isEqualTo(200);
        assertThat(raw.post(RawClient.initializeBody("2025-11-25"), Guarded.bearer(guarded.issuer.token(other,
                "alice", "mcp mcp:use"))).status()).as("the path is case-sensitive").isEqualTo(401);
    }

    @Test
    void staticTokensWorkNextToAccessTokens() {
        var client = guarded.client(Guarded.ADMIN.token());
        try {
            assertThat(client.listTools().tools()).hasSize(3);
        } finally {
            client.closeGracefully();
        }
    }

    @Test
    void aRefreshedTokenOfTheSameIdentityKeepsTheSessionAndAnotherIdentityCannotUseIt() {
        RawClient.Answer init = raw.post(RawClient.initializeBody("2025-11-25"), Guarded.bearer(guarded.token("bob",
                "mcp mcp:use")));
        assertThat(init.status()).isEqualTo(200);
        guarded.clock.advance(Duration.ofSeconds(1)); // a new token: another iat and exp
        String refreshed = guarded.token("bob", "mcp mcp:use");
        String list = RawClient.request(2, "tools/list", "{}");

        RawClient.Answer same = raw.post(list, Map.of("Authorization", "Bearer " + refreshed, "Mcp-Session-Id",
                init.sessionId(), "MCP-Protocol-Version", "2025-11-25"));
        RawClient.Answer other = raw.post(list, Map.of("Authorization", "Bearer " + guarded.token("carol",
                "mcp mcp:use"), "Mcp-Session-Id", init.sessionId(), "MCP-Protocol-Version", "2025-11-25"));

        assertThat(same.status()).isEqualTo(200);
        assertThat(same.body()).contains("docs__lookup");
        assertThat(other.status()).as("a session of another identity is unknown to carol").isEqualTo(404);
    }
}
