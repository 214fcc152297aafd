package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scopes and claims of an access token pick the first rule of {@code gateway.oauth.rules} it meets, and the rule
 * limits what the caller sees and does exactly as a static token's settings do: servers, tools, control, and a rate
 * limit counted per identity. A token that meets no rule is refused with 403 and the scopes that would do.
 */
class MapsTokenScopesToRulesTest {
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

    private List<String> toolsOf(String token) {
        var client = guarded.client(token);
        try {
            return client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
        } finally {
            client.closeGracefully();
        }
    }

    @Test
    void aClaimOrAScopeLimitsTheServersAndToolsSeen() {
        String team = guarded.issuer.token(c -> c.audience(guarded.url().toString()).subject("dana")
                .claim("scope", "mcp").claim("groups", List.of("staff", "github")));

        assertThat(toolsOf(team)).containsExactlyInAnyOrder("github__search", "github__delete_repo");
        assertThat(toolsOf(guarded.token("erin", "mcp search"))).containsExactly("github__search");
        assertThat(toolsOf(guarded.token("frank", "mcp mcp:use"))).hasSize(3);
    }

    @Test
    void onlyARuleWithControlMaySteerServers() {
        String admin = guarded.token("grace", "mcp mcp:admin");
        String user = guarded.token("heidi", "mcp mcp:use");

        assertThat(disable(admin).status()).isEqualTo(200);
        assertThat(raw.send(HttpRequest.newBuilder(guarded.url().resolve("/api/v1/servers/docs/enable"))
                .header("Authorization", "Bearer " + admin).POST(HttpRequest.BodyPublishers.noBody()).build())
                .status()).isEqualTo(200);
        assertThat(disable(user).status()).isEqualTo(403);
    }

    private RawClient.Answer disable(String token) {
        return raw.send(HttpRequest.newBuilder(guarded.url().resolve("/api/v1/servers/docs/disable"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    @Test
    void theRulesRateLimitIsCountedPerIdentity() {
        var ivan = guarded.client(guarded.token("ivan", "mcp search"));
        var judy = guarded.client(guarded.token("judy", "mcp search"));
        try {
            var call = new McpSchema.CallToolRequest("github__search", Map.of("q", "x"));
            assertThat(ivan.callTool(call).isError()).isNotEqualTo(Boolean.TRUE);
            assertThat(ivan.callTool(call).isError()).isNotEqualTo(Boolean.TRUE);
            assertThat(ivan.callTool(call).isError()).as("ivan's third call in a minute").isTrue();
            assertThat(judy.callTool(call).isError()).as("judy has her own share").isNotEqualTo(Boolean.TRUE);
        } finally {
            ivan.closeGracefully();
            judy.closeGracefully();
        }
    }

    @Test
    void aTokenThatMeetsNoRuleIsRefusedWithTheScopesThatWouldDo() {
        RawClient.Answer a = raw.post(RawClient.initializeBody("2025-11-25"), Guarded.bearer(guarded.token("kim",
                "mcp")));

        assertThat(a.status()).isEqualTo(403);
        assertThat(a.header("WWW-Authenticate")).contains("error=\"insufficient_scope\"",
                "scope=\"mcp mcp:admin search mcp:use\"");
        assertThat(a.json().path("error").path("message").asText()).isEqualTo("the access token does not allow"
                + " this: no rule of gateway.oauth.rules lets this token in; get a token with scope mcp mcp:admin"
                + " search mcp:use");
    }
}
