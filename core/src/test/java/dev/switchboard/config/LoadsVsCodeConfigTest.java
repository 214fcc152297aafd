package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadsVsCodeConfigTest {

    @Test
    void readsServersWithTypeCommentsAndTrailingCommas() {
        SwitchboardConfig c = Configs.fixture("vscode-mcp.json", Map.of("FETCH_KEY", "fetch-key-123"));
        assertThat(c.servers()).extracting(ServerConfig::name).containsExactly("memory", "fetch");
        assertThat(c.servers()).extracting(ServerConfig::transport)
                .containsExactly(Transport.STDIO, Transport.STREAMABLE_HTTP);
        assertThat(Configs.http(c, "fetch").headers()).containsEntry("X-Api-Key", "fetch-key-123");
    }

    @Test
    void warnsThatInputsAreIgnored() {
        SwitchboardConfig c = Configs.fixture("vscode-mcp.json", Map.of("FETCH_KEY", "k"));
        assertThat(c.warnings()).singleElement().asString()
                .startsWith("inputs: ignored: Switchboard does not prompt for input variables");
    }

    @Test
    void rejectsInputReferencesItCannotResolve() {
        ConfigException e = Configs.failure(() -> Configs.json("""
                {"servers": {"a": {"type": "http", "url": "https://a.example.com/mcp",
                                   "headers": {"X-Api-Key": "${input:api-key}"}}}}
                """, Map.of()));
        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
                "servers.a.headers.X-Api-Key: refers to VS Code input ${input:api-key}, which Switchboard cannot"
                        + " prompt for (expected: an environment variable, ${VAR})");
    }
}
