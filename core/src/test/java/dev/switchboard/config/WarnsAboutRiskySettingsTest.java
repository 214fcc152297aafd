package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WarnsAboutRiskySettingsTest {

    @Test
    void warnsWhenEveryServerIsDisabled() {
        assertThat(Configs.yaml("servers:\n  a: {command: x, enabled: false}\n").warnings())
                .containsExactly("servers: every server is disabled, so nothing will be connected");
    }

    @Test
    void warnsAboutRelativeAndTildeCommands() {
        assertThat(Configs.yaml("""
                servers:
                  a: {command: ./bin/server}
                  b: {command: ~/bin/server}
                  c: {command: npx}
                """).warnings()).containsExactly(
                "servers.a.command: is a relative path, resolved against whatever the working directory is at start"
                        + " (expected: an absolute path, or a command on PATH)",
                "servers.b.command: starts with ~, which is not expanded: no shell runs the command (expected: an"
                        + " absolute path, or ${HOME}/...)");
    }

    @Test
    void warnsAboutACommandLineInCommand() {
        assertThat(Configs.yaml("servers:\n  a: {command: npx -y pkg}\n").warnings()).containsExactly(
                "servers.a.command: contains spaces but no shell splits it into words (expected: the executable"
                        + " alone, e.g. command: npx, args: [-y, some-package])");
    }

    @Test
    void warnsAboutInheritedEnvironmentAndMissingPassEnv() {
        assertThat(Configs.yaml("servers:\n  a: {command: x, inherit_env: true, pass_env: [HOME, NOPE]}\n",
                Map.of("HOME", "/h")).warnings()).containsExactly(
                "servers.a.inherit_env: the server sees every environment variable of this process, secrets included"
                        + " (expected: pass_env: [NAME, ...] with only the variables it needs)",
                "servers.a.pass_env: NOPE is not set in this environment, so the server will not see it");
    }

    @Test
    void warnsAboutAuthorizationOverPlainHttpOnlyOffLoopback() {
        assertThat(Configs.yaml("""
                servers:
                  remote: {url: "http://mcp.example.com/mcp", headers: {Authorization: Bearer x}}
                  local: {url: "http://127.0.0.1:8000/mcp", headers: {Authorization: Bearer x}}
                  tls: {url: "https://mcp.example.com/mcp", headers: {Authorization: Bearer x}}
                  open: {url: "http://mcp.example.com/mcp", headers: {Accept: text/plain}}
                """).warnings()).containsExactly("servers.remote.url: sends Authorization over plain http to"
                + " mcp.example.com, readable by anyone on the way (expected: https://)");
    }

    @Test
    void reportsProblemsOfADisabledServerAsWarnings() {
        SwitchboardConfig c = Configs.yaml("""
                servers:
                  good: {command: x}
                  broken: {transport: carrier-pigeon, enabled: false}
                """);
        assertThat(c.servers()).extracting(ServerConfig::name).containsExactly("good");
        assertThat(c.warnings()).contains("servers.broken: has neither command nor url (expected: command for a"
                + " stdio server, or url for an HTTP server) [ignored while the server is disabled]");
    }
}
