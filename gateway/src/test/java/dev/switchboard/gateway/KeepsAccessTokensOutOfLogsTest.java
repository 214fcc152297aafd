package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * No log line of the gateway (down to DEBUG, with every field) holds an access token, valid or refused, nor any of
 * its three parts: the access log names the caller by its identity claim, refusals by their reason.
 */
class KeepsAccessTokensOutOfLogsTest {

    @Test
    void noLineHoldsATokenOrAPartOfIt() {
        List<String> lines;
        List<String> tokens;
        try (CapturedLogs logs = new CapturedLogs(); OAuthGuarded guarded = new OAuthGuarded()) {
            String valid = guarded.token("alice", "mcp mcp:use");
            String noScope = guarded.token("bob", "mcp:use");
            String otherAudience = guarded.issuer.token("http://127.0.0.1:1/mcp", "carol", "mcp");
            var client = guarded.client(valid);
            try {
                client.callTool(new McpSchema.CallToolRequest("docs__lookup", Map.of()));
            } finally {
                client.closeGracefully();
            }
            RawClient raw = new RawClient(guarded.url());
            for (String t : List.of(noScope, otherAudience, valid + "x")) {
                raw.post(RawClient.initializeBody("2025-11-25"), Guarded.bearer(t));
            }
            guarded.clock.advance(Duration.ofMinutes(10));
            raw.post(RawClient.initializeBody("2025-11-25"), Guarded.bearer(valid)); // expired now
            lines = logs.lines();
            tokens = List.of(valid, noScope, otherAudience);
        }

        assertThat(lines).anyMatch(l -> l.contains("gateway.access.refused") && l.contains("invalid_token"));
        assertThat(lines).anyMatch(l -> l.contains("token_name=alice"));
        for (String token : tokens) {
            for (String part : token.split("\\.")) {
                assertThat(lines).noneMatch(l -> l.contains(part));
            }
        }
    }
}
