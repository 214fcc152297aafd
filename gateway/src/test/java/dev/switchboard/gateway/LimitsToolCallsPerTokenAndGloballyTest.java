package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.RateLimit;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rate limits count tool calls (not HTTP requests, not lists), per token and for all tokens together: a call over a
 * limit is a tool error saying it was rate limited, with how long to wait in {@code _meta}, and calls go through
 * again once the period has passed (on the limiters' clock, which the test moves: no sleeping).
 */
class LimitsToolCallsPerTokenAndGloballyTest {
    @Test
    void aTokenOverItsOwnLimitIsToldToWaitThenRecovers() {
        try (Guarded gateway = Guarded.start()) {
            McpSyncClient limited = gateway.client(Guarded.LIMITED.token());
            McpSyncClient admin = gateway.client(Guarded.ADMIN.token());
            try {
                assertThat(call(limited).isError()).isFalse();
                limited.listTools(); // lists are not calls: they take nothing from the limit
                assertThat(call(limited).isError()).isFalse();

                McpSchema.CallToolResult refused = call(limited);
                assertThat(refused.isError()).isTrue();
                assertThat(((McpSchema.TextContent) refused.content().get(0)).text()).startsWith("RATE_LIMITED: the"
                        + " call was not made: token 'limited' is over its own or the gateway's rate limit");
                @SuppressWarnings("unchecked")
                Map<String, Object> error = (Map<String, Object>) refused.meta().get("dev.switchboard/error");
                assertThat(error).containsEntry("code", "RATE_LIMITED").containsEntry("retryable", true);
                assertThat(((Number) error.get("retryAfterMs")).longValue()).isBetween(1L, 60_000L);
                assertThat(call(admin).isError()).as("another token has its own share").isFalse();

                gateway.advance(Duration.ofMinutes(1));
                assertThat(call(limited).isError()).isFalse();
            } finally {
                limited.closeGracefully();
                admin.closeGracefully();
            }
        }
    }

    @Test
    void theGlobalLimitIsSharedByEveryToken() {
        try (Guarded gateway = Guarded.start(b -> b.rateLimit(RateLimit.of(3, Duration.ofSeconds(10))))) {
            McpSyncClient admin = gateway.client(Guarded.ADMIN.token());
            McpSyncClient githubOnly = gateway.client(Guarded.GITHUB_ONLY.token());
            try {
                assertThat(call(admin).isError()).isFalse();
                assertThat(call(githubOnly).isError()).isFalse();
                assertThat(call(admin).isError()).isFalse();

                McpSchema.CallToolResult refused = call(githubOnly);
                assertThat(refused.isError()).isTrue();
                assertThat(((McpSchema.TextContent) refused.content().get(0)).text()).contains("RATE_LIMITED");

                gateway.advance(Duration.ofSeconds(10));
                assertThat(call(githubOnly).isError()).isFalse();
            } finally {
                admin.closeGracefully();
                githubOnly.closeGracefully();
            }
        }
    }

    private static McpSchema.CallToolResult call(McpSyncClient client) {
        return client.callTool(new McpSchema.CallToolRequest("github__search", Map.of("q", "x")));
    }
}
