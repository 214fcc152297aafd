package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InterpolatesEnvironmentVariablesTest {

    private static StdioServer load(String envBlock, Map<String, String> env) {
        return Configs.stdio(Configs.yaml("servers:\n  a:\n    command: srv\n    env:\n" + envBlock, env), "a");
    }

    @Test
    void replacesVariablesInsideText() {
        StdioServer a = load("      URL: \"https://${HOST}:${PORT}/x\"\n", Map.of("HOST", "h", "PORT", "8080"));
        assertThat(a.env()).containsEntry("URL", "https://h:8080/x");
    }

    @Test
    void usesDefaultWhenUnsetOrEmpty() {
        StdioServer a = load("      A: ${UNSET:-fallback}\n      B: ${EMPTY:-fallback}\n      C: ${UNSET:-}\n",
                Map.of("EMPTY", ""));
        assertThat(a.env()).containsEntry("A", "fallback").containsEntry("B", "fallback").containsEntry("C", "");
    }

    @Test
    void interpolatesNestedDefaults() {
        StdioServer a = load("      A: ${UNSET:-${OTHER}}\n", Map.of("OTHER", "o"));
        assertThat(a.env()).containsEntry("A", "o");
    }

    @Test
    void keepsEscapedDollarBraceLiteral() {
        StdioServer a = load("      A: \"$${HOME} and ${HOME}\"\n", Map.of("HOME", "/home/me"));
        assertThat(a.env()).containsEntry("A", "${HOME} and /home/me");
    }

    @Test
    void readsVsCodeEnvSpelling() {
        assertThat(load("      A: ${env:HOME}\n", Map.of("HOME", "/h")).env()).containsEntry("A", "/h");
    }

    @Test
    void leavesKeysAlone() {
        assertThat(load("      ${HOME}: x\n", Map.of("HOME", "/h")).env()).containsKey("${HOME}");
    }

    @Test
    void typedValuesMayComeFromVariables() {
        SwitchboardConfig c = Configs.yaml("servers:\n  a: {command: srv, priority: '${PRIO}', enabled: '${ON}'}\n",
                Map.of("PRIO", "7", "ON", "false"));
        assertThat(c.servers().get(0).options().priority()).isEqualTo(7);
        assertThat(c.servers().get(0).options().enabled()).isFalse();
    }

    @Test
    void reportsMissingVariableWithKeyPath() {
        assertThat(Configs.problems("""
                servers:
                  api:
                    url: https://api.example.com/mcp
                    headers: {Authorization: "Bearer ${API_TOKEN}"}
                """)).containsExactly("servers.api.headers.Authorization: environment variable API_TOKEN is not set"
                + " (expected: set it, or write ${API_TOKEN:-default})");
    }

    @Test
    void reportsMalformedReferences() {
        assertThat(Configs.problems("""
                servers:
                  a: {command: srv, env: {A: "${OPEN", B: "${not a name}"}}
                """)).containsExactly(
                "servers.a.env.A: has ${ without a closing } (expected: ${VAR} or ${VAR:-default}; write $${ for a"
                        + " literal ${)",
                "servers.a.env.B: has a ${...} that is not a variable name (expected: ${VAR} or ${VAR:-default}"
                        + " with VAR of letters, digits and _; write $${ for a literal ${)");
    }

    @Test
    void missingVariableOfDisabledServerIsOnlyAWarning() {
        SwitchboardConfig c = Configs.yaml("""
                servers:
                  a: {command: srv}
                  b: {command: srv, enabled: false, env: {TOKEN: "${B_TOKEN}"}}
                """);
        assertThat(c.warnings()).containsExactly("servers.b.env.TOKEN: environment variable B_TOKEN is not set"
                + " (expected: set it, or write ${B_TOKEN:-default}) [ignored while the server is disabled]");
    }
}
