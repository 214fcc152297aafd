package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeepsSecretsOutOfOutputTest {
    private static final String FILE_SECRET = "sentinel-file-secret-4f1d";
    private static final String ENV_SECRET = "sentinel-env-secret-9a2c";

    private static final String CONFIG = """
            servers:
              api:
                url: https://api.example.com/mcp
                headers:
                  Authorization: "Bearer %s"
                  X-Tenant: "${TENANT_SECRET}"
              local:
                command: srv
                env: {DB_PASSWORD: "%s", PLAIN: "${TENANT_SECRET}"}
            """.formatted(FILE_SECRET, FILE_SECRET);

    @Test
    void configToStringShowsNoSecret() {
        SwitchboardConfig c = Configs.yaml(CONFIG, Map.of("TENANT_SECRET", ENV_SECRET));
        assertThat(c.toString()).doesNotContain(FILE_SECRET).doesNotContain(ENV_SECRET).contains("api", "local");
    }

    @Test
    void problemMessagesShowNoSecret() {
        ConfigException e = Configs.failure(() -> Configs.yaml(CONFIG + """
                  broken:
                    url: https://user:%s@example.com/mcp?token=%s
                    headers: {Authorization: [%s]}
                    env: {KEY: "%s"}
                    args: "%s"
                """.formatted(FILE_SECRET, FILE_SECRET, FILE_SECRET, FILE_SECRET, FILE_SECRET),
                Map.of("TENANT_SECRET", ENV_SECRET)));
        assertThat(e.problems()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(e.getMessage()).doesNotContain(FILE_SECRET).doesNotContain(ENV_SECRET);
        assertThat(e.toString()).doesNotContain(FILE_SECRET);
    }

    @Test
    void theSecretsAreTheVariablesValuesAndWhatIsSecretByNameOrPlace() {
        SwitchboardConfig c = Configs.yaml(CONFIG + """
                  plain:
                    command: srv
                    args: ["--api-key=%s-flag", "--verbose"]
                    env: {NODE_ENV: production, SERVER_NAME: plain-server-name}
                """.formatted(FILE_SECRET), Map.of("TENANT_SECRET", ENV_SECRET));
        assertThat(c.secrets().contains(ENV_SECRET)).as("a ${VAR} value is marked").isTrue();
        assertThat(c.secrets().size()).isEqualTo(1);
        Secrets all = c.allSecrets();
        String text = "server said: bad token Bearer " + FILE_SECRET + " / " + ENV_SECRET + " / " + FILE_SECRET
                + "-flag";
        assertThat(all.mask(text)).doesNotContain(FILE_SECRET).doesNotContain(ENV_SECRET);
        assertThat(all.mask("NODE_ENV=production for plain-server-name on port 8080, debug true"))
                .as("plain values are not secrets, however long").isEqualTo(
                        "NODE_ENV=production for plain-server-name on port 8080, debug true");
        assertThat(all.toString()).doesNotContain(FILE_SECRET).doesNotContain(ENV_SECRET);
    }

    @Test
    void aUrlBuiltInCodeHasItsCredentialsMasked() {
        var remote = HttpServer.builder("remote", URI.create("https://bob:pw-9f8e@example.com/mcp?token=q-7d6c&n=2"))
                .build();
        Secrets s = SwitchboardConfig.of(List.of(remote)).allSecrets();
        assertThat(s.mask("refused pw-9f8e and q-7d6c, page 2")).isEqualTo("refused *** and ***, page 2");
    }

    @Test
    void aValueMarkedInCodeIsMaskedAndTrivialValuesAreNot() {
        Secrets s = SwitchboardConfig.builder().secret("marked-in-code-77").secret("true").secret("8080")
                .secret("abc").build().allSecrets();
        assertThat(s.mask("marked-in-code-77 true 8080 abc")).isEqualTo("*** true 8080 abc");
    }
}
