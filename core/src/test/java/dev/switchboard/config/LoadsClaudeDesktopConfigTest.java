package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadsClaudeDesktopConfigTest {
    private final SwitchboardConfig config = Configs.fixture("claude_desktop_config.json",
            Map.of("GITHUB_TOKEN", "ghp_abcdefghijk", "REMOTE_TOKEN", "remote-abcdef"));

    @Test
    void readsEveryServerInOrder() {
        assertThat(config.servers()).extracting(ServerConfig::name)
                .containsExactly("filesystem", "github", "remote", "legacy-sse");
        assertThat(config.servers()).extracting(ServerConfig::transport)
                .containsExactly(Transport.STDIO, Transport.STDIO, Transport.STREAMABLE_HTTP, Transport.SSE);
    }

    @Test
    void readsCommandArgsAndEnv() {
        StdioServer github = Configs.stdio(config, "github");
        assertThat(github.command()).isEqualTo("docker");
        assertThat(github.args()).startsWith("run", "-i");
        assertThat(github.env()).containsEntry("GITHUB_PERSONAL_ACCESS_TOKEN", "ghp_abcdefghijk");
    }

    @Test
    void readsUrlAndHeaders() {
        HttpServer remote = Configs.http(config, "remote");
        assertThat(remote.url()).isEqualTo(URI.create("https://mcp.example.com/mcp"));
        assertThat(remote.headers()).containsEntry("Authorization", "Bearer remote-abcdef");
    }

    @Test
    void warnsAboutTheOtherApplicationsSettings() {
        assertThat(config.warnings()).containsExactly("globalShortcut: ignored: not a Switchboard setting");
    }

    @Test
    void acceptsSwitchboardExtrasAndClineSpellings() {
        SwitchboardConfig c = Configs.json("""
                {"mcpServers": {
                  "a": {"command": "npx", "priority": 5, "domains": ["x"], "required": true, "request_timeout": "9s",
                        "retry": {"attempts": 2}},
                  "b": {"command": "npx", "disabled": true, "autoApprove": ["read"]}}}
                """, Map.of());
        ServerOptions a = c.servers().get(0).options();
        assertThat(a.priority()).isEqualTo(5);
        assertThat(a.required()).isTrue();
        assertThat(a.retry().maxAttempts()).isEqualTo(2);
        assertThat(c.servers().get(1).options().enabled()).isFalse();
        assertThat(c.warnings()).anyMatch(w -> w.startsWith("mcpServers.b.autoApprove: ignored"));
    }

    @Test
    void reportsProblemsAtTheKeysAsWrittenInTheFile() {
        ConfigException e = Configs.failure(() -> Configs.json("""
                {"mcpServers": {"a": {"command": "npx", "disabled": "maybe", "priorty": 3}}}
                """, Map.of()));
        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
                "mcpServers.a.priorty: unknown key (did you mean priority?)",
                "mcpServers.a.disabled: \"maybe\" is not a boolean (expected: true or false)");
    }
}
