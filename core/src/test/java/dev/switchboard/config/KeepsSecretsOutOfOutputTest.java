package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.internal.observe.Redactor;
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
    void remembersLoadedSecretsForLaterScrubbing() {
        Configs.yaml(CONFIG, Map.of("TENANT_SECRET", ENV_SECRET));
        assertThat(Redactor.scrub("server said: bad token Bearer " + FILE_SECRET + " / " + ENV_SECRET))
                .doesNotContain(FILE_SECRET).doesNotContain(ENV_SECRET);
    }

    @Test
    void doesNotRememberValuesThatAreNoSecrets() {
        Redactor.rememberNamed(Map.of("DEBUG", "true", "PORT", "8080", "API_KEY", "abcd-named",
                "X-Tenant", "tenant-0001-long"));
        assertThat(Redactor.scrub("debug=true port=8080")).isEqualTo("debug=true port=8080");
        assertThat(Redactor.scrub("key abcd-named tenant tenant-0001-long")).isEqualTo("key *** tenant ***");
    }
}
