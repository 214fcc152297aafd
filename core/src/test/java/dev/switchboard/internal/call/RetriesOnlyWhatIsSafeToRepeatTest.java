package dev.switchboard.internal.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.ErrorCode;
import dev.switchboard.SwitchboardException;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The retry rule: a call is repeated only when it certainly did not reach the server, or when the tool declares
 * that repeating it is harmless; never after a timeout, an open breaker or a full bulkhead.
 */
class RetriesOnlyWhatIsSafeToRepeatTest {
    private static SwitchboardException error(ErrorCode code) {
        return new SwitchboardException(code, "s", "message");
    }

    @Test
    void anUnsentRequestIsRetriedWhateverTheTool() {
        assertThat(RetryRule.mayRetry(error(ErrorCode.SERVER_UNAVAILABLE), false, false)).isTrue();
        assertThat(RetryRule.mayRetry(error(ErrorCode.UNREACHABLE), false, false)).isTrue();
        assertThat(RetryRule.mayRetry(error(ErrorCode.SESSION_EXPIRED), true, false)).as("session refused").isTrue();
    }

    @Test
    void aSentRequestThatMayHaveRunIsNotRetriedForAToolWithSideEffects() {
        // An UNREACHABLE after the write (a reset connection) or a transport closed under a pending request may
        // come after the server acted on it, whatever the code says about requests in general.
        for (ErrorCode code : List.of(ErrorCode.PROCESS_EXITED, ErrorCode.UNREACHABLE, ErrorCode.SERVER_UNAVAILABLE,
                ErrorCode.INTERNAL)) {
            assertThat(RetryRule.mayRetry(error(code), true, false)).as(code.name()).isFalse();
        }
    }

    @Test
    void aSentRequestThatMayHaveRunIsRetriedForAReadOnlyOrIdempotentTool() {
        assertThat(RetryRule.mayRetry(error(ErrorCode.PROCESS_EXITED), true, true)).isTrue();
        assertThat(RetryRule.mayRetry(error(ErrorCode.UNREACHABLE), true, true)).isTrue();
    }

    @Test
    void timeoutsOpenBreakersFullBulkheadsAndAnswersAreNeverRetried() {
        for (ErrorCode code : List.of(ErrorCode.TIMEOUT, ErrorCode.CIRCUIT_OPEN, ErrorCode.OVERLOADED,
                ErrorCode.RPC_ERROR, ErrorCode.CANCELLED, ErrorCode.SHUTTING_DOWN, ErrorCode.INVALID_ARGUMENTS)) {
            assertThat(RetryRule.mayRetry(error(code), false, true)).as(code.name()).isFalse();
        }
    }

    @Test
    void readOnlyAndIdempotentHintsMakeAToolSafeToRepeat() {
        var readOnly = tool("read", new McpSchema.ToolAnnotations(null, true, null, null, null, null));
        var idempotent = tool("put", new McpSchema.ToolAnnotations(null, false, true, true, null, null));
        var plain = tool("send", new McpSchema.ToolAnnotations(null, false, true, false, null, null));
        var bare = tool("bare", null);
        List<McpSchema.Tool> tools = List.of(readOnly, idempotent, plain, bare);
        assertThat(RetryRule.safeToRepeat(tools, "read")).isTrue();
        assertThat(RetryRule.safeToRepeat(tools, "put")).isTrue();
        assertThat(RetryRule.safeToRepeat(tools, "send")).isFalse();
        assertThat(RetryRule.safeToRepeat(tools, "bare")).isFalse();
        assertThat(RetryRule.safeToRepeat(tools, "unknown")).isFalse();
    }

    private static McpSchema.Tool tool(String name, McpSchema.ToolAnnotations annotations) {
        return McpSchema.Tool.builder(name, Map.of("type", "object")).annotations(annotations).build();
    }
}
