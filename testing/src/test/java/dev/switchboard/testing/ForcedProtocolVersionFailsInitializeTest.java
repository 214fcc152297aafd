package dev.switchboard.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.client.McpSyncClient;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ForcedProtocolVersionFailsInitializeTest {

    private static final Scenario SCENARIO =
            FakeMcpServer.builder().tool(FakeTool.echo("echo")).protocolVersion("1999-01-01").build();

    @Test
    void overStreamableHttp() {
        try (var server = FakeMcpServer.startHttp(SCENARIO)) {
            assertInitializeRejectsVersion(Clients.http(server.baseUrl(), null));
        }
    }

    @Test
    void overStdio() {
        assertInitializeRejectsVersion(Clients.stdio(FakeMcpServer.stdioCommand(SCENARIO), Map.of()));
    }

    private static void assertInitializeRejectsVersion(McpSyncClient client) {
        try {
            assertThatThrownBy(client::initialize).hasStackTraceContaining("1999-01-01");
        } finally {
            client.close();
        }
    }
}
