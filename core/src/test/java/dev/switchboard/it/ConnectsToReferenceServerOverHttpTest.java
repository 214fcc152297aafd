package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.ServerState;
import dev.switchboard.ServerStatus;
import dev.switchboard.Switchboard;
import dev.switchboard.ToolResult;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.ServerOptions;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.config.Transport;
import dev.switchboard.testing.ReferenceServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real server-everything, over Streamable HTTP and legacy HTTP+SSE on loopback. */
class ConnectsToReferenceServerOverHttpTest {

    @Test
    void streamableHttpNegotiatesTheNewestVersionAndCallsATool() {
        try (var server = ReferenceServer.everythingStreamableHttp();
                var sb = Switchboard.start(config(server, Transport.STREAMABLE_HTTP))) {
            ServerStatus st = sb.status("everything");
            assertThat(st.state()).isEqualTo(ServerState.READY);
            assertThat(st.protocolVersion()).isEqualTo("2025-11-25");
            assertThat(st.serverName()).isNotBlank();
            assertThat(st.capabilities()).contains("tools", "resources", "prompts");
            assertThat(st.toolCount()).isEqualTo(sb.tools("everything").size()).isGreaterThan(5);
            assertThat(st.resourceCount()).isPositive();

            ToolResult r = sb.call("everything", "echo", Map.of("message", "hello over http"));
            assertThat(r.isError()).isFalse();
            assertThat(r.text()).contains("hello over http");
            assertThat(r.server()).isEqualTo("everything");
        }
    }

    @Test
    void legacySseConnectsWithTheOnlyVersionItKnows() {
        try (var server = ReferenceServer.everythingSse();
                var sb = Switchboard.start(config(server, Transport.SSE))) {
            ServerStatus st = sb.status("everything");
            assertThat(st.state()).isEqualTo(ServerState.READY);
            assertThat(st.transport()).isEqualTo(Transport.SSE);
            assertThat(st.protocolVersion()).isEqualTo("2024-11-05");
            assertThat(sb.call("everything", "echo", Map.of("message", "hi sse")).text()).contains("hi sse");
        }
    }

    private static SwitchboardConfig config(ReferenceServer server, Transport transport) {
        return SwitchboardConfig.of(List.of(HttpServer.builder("everything", server.url())
                .options(ServerOptions.builder().required(true).build()).transport(transport).build()));
    }
}
