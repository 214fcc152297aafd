package dev.switchboard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class EnvToolShowsChildEnvironmentTest {

    @Test
    void returnsTheValueTheChildSeesAndAnErrorResultWhenUnset() {
        var command = FakeMcpServer.builder().tool(FakeTool.env("env")).stdioCommand();
        var client = Clients.stdio(command, Map.of("FAKE_MCP_PROBE", "visible"));
        try {
            client.initialize();
            var set = Clients.call(client, "env", Map.of("name", "FAKE_MCP_PROBE"));
            assertThat(set.isError()).isFalse();
            assertThat(Clients.text(set)).isEqualTo("visible");

            var unset = Clients.call(client, "env", Map.of("name", "FAKE_MCP_SURELY_NOT_SET"));
            assertThat(unset.isError()).isTrue();
            assertThat(Clients.text(unset)).contains("FAKE_MCP_SURELY_NOT_SET is not set");
        } finally {
            client.closeGracefully();
        }
    }
}
