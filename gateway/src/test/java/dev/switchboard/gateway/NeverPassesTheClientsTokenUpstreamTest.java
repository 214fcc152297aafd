package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway never passes a client's token on to a server (the MCP authorization spec forbids token pass-through):
 * while clients with an OAuth access token and with a static token list and call tools of both servers, no request
 * either server receives carries an {@code Authorization} header or the token anywhere in its headers.
 */
class NeverPassesTheClientsTokenUpstreamTest {
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
    void noServerSeesTheClientsAuthorization() {
        String jwt = guarded.token("alice", "mcp mcp:use");
        String signature = jwt.substring(jwt.lastIndexOf('.') + 1);
        for (String token : List.of(jwt, Guarded.ADMIN.token())) {
            var client = guarded.client(token);
            try {
                client.listTools();
                client.callTool(new McpSchema.CallToolRequest("github__search", Map.of("q", "x")));
                client.callTool(new McpSchema.CallToolRequest("docs__lookup", Map.of()));
            } finally {
                client.closeGracefully();
            }
        }
        assertThat(guarded.github.receivedCalls()).as("the calls reached the server").isNotEmpty();
        assertThat(guarded.docs.receivedCalls()).isNotEmpty();

        for (var server : List.of(guarded.github, guarded.docs)) {
            List<Map<String, List<String>>> requests = server.receivedHeaders();
            assertThat(requests).isNotEmpty();
            for (Map<String, List<String>> headers : requests) {
                assertThat(headers).doesNotContainKey("authorization");
                assertThat(headers.values().toString()).doesNotContain(signature)
                        .doesNotContain(Guarded.ADMIN.token());
            }
        }
    }
}
