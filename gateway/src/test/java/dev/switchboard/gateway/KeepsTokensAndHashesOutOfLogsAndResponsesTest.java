package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.TokenHash;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * No token, no part of one and no hash appears in any response (body or header) or any log line (Switchboard's down
 * to DEBUG, everything else's from INFO), whatever the requests: right and wrong tokens, a hash sent as a token,
 * refused sessions, rate-limited calls, every transport.
 */
class KeepsTokensAndHashesOutOfLogsAndResponsesTest {
    @Test
    void neitherLogsNorResponsesShowATokenOrAHash() {
        List<String> responses = new ArrayList<>();
        List<String> logLines;
        try (CapturedLogs logs = new CapturedLogs(); Guarded gateway = Guarded.start()) {
            RawClient raw = new RawClient(gateway.url());
            String wrongSecret = Guarded.ADMIN.token().substring(0, Guarded.ADMIN.token().indexOf('.') + 1)
                    + "B".repeat(43);
            for (String token : List.of(Guarded.ADMIN.token(), wrongSecret, Guarded.ADMIN.hash().encoded(),
                    Guarded.LIMITED.token(), "Bearer " + Guarded.GITHUB_ONLY.token())) {
                RawClient.Answer init = raw.post(RawClient.initializeBody("2025-11-25"), Guarded.bearer(token));
                responses.add(text(init));
                if (init.sessionId() != null) {
                    Map<String, String> headers = new HashMap<>(Guarded.bearer(token));
                    headers.put("Mcp-Session-Id", init.sessionId());
                    for (int i = 0; i < 4; i++) { // the limited token goes over its 2 calls
                        responses.add(text(raw.post(RawClient.request(10 + i, "tools/call",
                                "{\"name\":\"github__search\",\"arguments\":{}}"), headers)));
                    }
                    responses.add(text(raw.post(RawClient.request(20, "tools/call", "{\"name\":\"nope\"}"),
                            headers)));
                    headers.put("Authorization", "Bearer " + Guarded.SEARCH_ONLY.token()); // not its session
                    responses.add(text(raw.post(RawClient.request(21, "tools/list", "{}"), headers)));
                }
            }
            responses.add(text(raw.send(HttpRequest.newBuilder(gateway.url().resolve("/api/v1/servers"))
                    .header("Authorization", "Bearer " + Guarded.SEARCH_ONLY.token()).GET().build())));
            McpSyncClient client = gateway.client(Guarded.GITHUB_ONLY.token());
            try {
                responses.add(client.callTool(new McpSchema.CallToolRequest("github__search", Map.of())).toString());
            } finally {
                client.closeGracefully();
            }
            logLines = logs.lines();
        }

        assertThat(responses).hasSizeGreaterThan(15);
        assertThat(logLines).anyMatch(l -> l.startsWith("DEBUG gateway.access.refused")); // DEBUG was captured
        for (TokenHash.NewToken t : List.of(Guarded.ADMIN, Guarded.GITHUB_ONLY, Guarded.SEARCH_ONLY,
                Guarded.LIMITED)) {
            String secret = t.token().substring(t.token().indexOf('.') + 1);
            String digest = t.hash().encoded().substring(t.hash().encoded().lastIndexOf('$') + 1);
            for (String leak : List.of(secret, digest, t.hash().selector())) {
                assertThat(responses).noneMatch(r -> r.contains(leak));
                assertThat(logLines).noneMatch(l -> l.contains(leak));
            }
        }
        assertThat(String.join("\n", responses)).doesNotContain("BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB");
    }

    private static String text(RawClient.Answer a) {
        return a.status() + " " + a.headers().map() + " " + a.body();
    }
}
