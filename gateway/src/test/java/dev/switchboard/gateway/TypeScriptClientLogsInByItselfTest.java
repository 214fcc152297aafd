package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official TypeScript SDK client, given only client credentials, logs in to the gateway by itself: from the 401's
 * {@code resource_metadata} to the gateway's Protected Resource Metadata, to the issuer's metadata, to a token of
 * the client credentials grant for the gateway's resource URL (RFC 8707), and then lists and calls tools with it.
 */
class TypeScriptClientLogsInByItselfTest {
    private static OAuthGuarded guarded;

    @BeforeAll
    static void start() {
        guarded = new OAuthGuarded();
    }

    @AfterAll
    static void stop() {
        guarded.close();
    }

    @Test
    void theSdkFollowsTheChallengeGetsATokenForTheGatewayAndCallsATool() throws Exception {
        List<JsonNode> lines = NodeScript.run("oauth-login.mjs", guarded.url(), AuthorizationServer.CLIENT_ID,
                AuthorizationServer.CLIENT_SECRET, "mcp mcp:use", "docs__lookup");

        assertThat(NodeScript.with(lines, "tools")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("github__search", "github__delete_repo", "docs__lookup");
        assertThat(NodeScript.with(lines, "result").at("/content/0/text").asText()).isEqualTo("found");
        assertThat(NodeScript.reported(lines)).isEmpty();
        List<Map<String, String>> requests = guarded.issuer.tokenRequests();
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0)).containsEntry("grant_type", "client_credentials")
                .containsEntry("resource", guarded.url().toString()).containsEntry("scope", "mcp mcp:use");
    }
}
