package dev.switchboard.internal.upstream;

import static dev.switchboard.internal.upstream.StdioScripts.bash;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema.JSONRPCNotification;
import org.junit.jupiter.api.Test;

/** Output on stdout that is not JSON-RPC (a banner, a debug print) is skipped; it does not end the session. */
class StdioInvalidLineTest {

    @Test
    void garbageIsSkippedAndTheNextValidLineIsDelivered() throws Exception {
        String script = """
                echo 'Starting server v1.2 ...'
                echo '{"not":"json-rpc"}'
                echo '{"jsonrpc":"2.0", broken'
                echo ''
                echo '{"jsonrpc":"2.0","method":"notifications/message","params":{"level":"info"}}'
                IFS= read -r ignored
                """;
        var inbox = new StdioScripts.Inbox();
        try (var transport = StdioScripts.transport(bash("noisy", script))) {
            transport.connect(inbox).block(StdioScripts.PROMPTLY);

            var notification = (JSONRPCNotification) inbox.next();

            assertThat(notification.method()).isEqualTo("notifications/message");
            assertThat(transport.isOpen()).isTrue();
        }
    }
}
