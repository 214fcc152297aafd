package dev.switchboard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ChildProcessServesHttpTest {

    @Test
    void printsItsUrlFirstThenServesStreamableHttpUntilKilled() throws Exception {
        var scenario = FakeMcpServer.builder().name("delta").tool(FakeTool.echo("echo")).build();
        Process process = new ProcessBuilder(FakeMcpServer.httpCommand(scenario, 0))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            var stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String url = stdout.readLine();
            assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+/mcp");

            var client = Clients.http(url.substring(0, url.length() - "/mcp".length()), null);
            try {
                assertThat(client.initialize().serverInfo().name()).isEqualTo("delta");
                assertThat(Clients.text(Clients.call(client, "echo", Map.of("x", 1)))).isEqualTo("{\"x\":1}");
            } finally {
                client.closeGracefully();
            }
        } finally {
            process.destroyForcibly().waitFor();
        }
    }
}
