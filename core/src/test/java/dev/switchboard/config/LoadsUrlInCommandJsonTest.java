package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The mcpServers variant in which an SSE server's URL is in command and its HTTP headers in env. */
class LoadsUrlInCommandJsonTest {
    private final SwitchboardConfig config = Configs.fixture("url-in-command.json",
            Map.of("API_TOKEN", "tok-0123456789"));

    @Test
    void readsTheStdioServer() {
        StdioServer fs = Configs.stdio(config, "filesystem");
        assertThat(fs.command()).isEqualTo("npx");
        assertThat(fs.args()).containsExactly("-y", "@modelcontextprotocol/server-filesystem", "/data");
        assertThat(fs.env()).containsExactly(Map.entry("DEBUG", "true"));
        assertThat(fs.options().enabled()).isTrue();
    }

    @Test
    void readsTheSseServerFromCommandAndEnv() {
        HttpServer api = Configs.http(config, "api");
        assertThat(api.transport()).isEqualTo(Transport.SSE);
        assertThat(api.url()).isEqualTo(URI.create("http://api.example.com/mcp"));
        assertThat(api.headers()).containsExactly(Map.entry("Authorization", "Bearer tok-0123456789"));
    }

    @Test
    void warnsThatTheTokenTravelsOverPlainHttp() {
        assertThat(config.warnings()).containsExactly("mcpServers.api.command: sends Authorization over plain http"
                + " to api.example.com, readable by anyone on the way (expected: https://)");
    }

    @Test
    void namesTheKeyAsWrittenWhenTheVariableIsMissing() {
        ConfigException e = Configs.failure(() -> Configs.fixture("url-in-command.json", Map.of()));
        assertThat(e.problems()).containsExactly(new ConfigProblem("mcpServers.api.env.Authorization",
                "environment variable API_TOKEN is not set (expected: set it, or write ${API_TOKEN:-default})"));
    }

    @Test
    void treatsAUrlCommandAsUrlEvenWithoutTransport() {
        SwitchboardConfig c = Configs.json("{\"mcpServers\": {\"x\": {\"command\": \"https://x.example.com/sse\"}}}",
                Map.of());
        assertThat(c.servers().get(0).transport()).isEqualTo(Transport.SSE);
    }
}
