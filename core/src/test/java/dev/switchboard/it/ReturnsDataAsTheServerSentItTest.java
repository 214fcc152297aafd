package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.Switchboard;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A tool result is data: the library returns it exactly as the server sent it, a secret of the configuration
 * included (masking what is printed is the job of whoever prints it, as the CLI does), and plain values unmasked.
 */
class ReturnsDataAsTheServerSentItTest {
    private static final String TOKEN = "token-from-the-environment-3c4d";

    @Test
    void aToolResultQuotingASecretOrAPlainValueIsReturnedUnchanged() {
        var scenario = FakeMcpServer.builder().name("env").tool(FakeTool.env("env")).build();
        List<String> command = FakeMcpServer.stdioCommand(scenario);
        String yaml = """
                servers:
                  inventory:
                    command: %s
                    args: %s
                    env: {API_TOKEN: "${TOKEN}", LABEL: inventory-service-eu-west, NODE_ENV: production}
                """.formatted(command.get(0), toYaml(command.subList(1, command.size())));
        var config = ConfigLoader.builder().environment(Map.of("TOKEN", TOKEN)).build().parse(yaml, "inline.yaml");
        assertThat(config.allSecrets().contains(TOKEN)).isTrue();
        try (var sb = Switchboard.start(config)) {
            assertThat(sb.call("inventory", "env", Map.of("name", "API_TOKEN")).text()).isEqualTo(TOKEN);
            assertThat(sb.call("inventory", "env", Map.of("name", "LABEL")).text())
                    .isEqualTo("inventory-service-eu-west");
            assertThat(sb.call("inventory", "env", Map.of("name", "NODE_ENV")).text()).isEqualTo("production");
        }
    }

    private static String toYaml(List<String> items) {
        return items.stream().map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .toList().toString();
    }
}
