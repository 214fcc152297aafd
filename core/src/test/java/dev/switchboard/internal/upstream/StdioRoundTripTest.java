package dev.switchboard.internal.upstream;

import static dev.switchboard.internal.upstream.StdioScripts.bash;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A request written through the transport reaches the process, and its answer comes back to the handler. */
class StdioRoundTripTest {

    @Test
    void requestReachesTheServerAndTheResponseReachesTheHandler() throws Exception {
        // Echoes the request to stderr (to prove what arrived) and answers with a canned response.
        String script = """
                IFS= read -r line
                echo "got: $line" >&2
                echo '{"jsonrpc":"2.0","id":"req-1","result":{"answer":42}}'
                IFS= read -r ignored
                """;
        var inbox = new StdioScripts.Inbox();
        try (var transport = StdioScripts.transport(bash("echo", script))) {
            transport.connect(inbox).block(StdioScripts.PROMPTLY);
            assertThat(transport.isOpen()).isTrue();

            transport.sendMessage(new JSONRPCRequest("2.0", "tools/list", "req-1", Map.of("cursor", "c1")))
                    .block(StdioScripts.PROMPTLY);

            var response = (JSONRPCResponse) inbox.next();
            assertThat(response.id()).isEqualTo("req-1");
            assertThat(response.error()).isNull();
            assertThat(response.result()).isEqualTo(Map.of("answer", 42));
            assertThat(transport.stderrTail()).singleElement().asString()
                    .startsWith("got: {").contains("\"method\":\"tools/list\"").contains("\"id\":\"req-1\"")
                    .contains("\"cursor\":\"c1\"");
        }
    }
}
