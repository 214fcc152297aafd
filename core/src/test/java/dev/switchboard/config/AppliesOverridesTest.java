package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppliesOverridesTest {
    private static final String FILE = """
            servers:
              api:
                url: https://api.example.com/mcp
                priority: 20
              files:
                command: srv
            """;

    private static SwitchboardConfig load(ConfigLoader.Builder builder) {
        return builder.build().parse(FILE, "test.yaml");
    }

    @Test
    void setsTypedValuesFromTheBuilder() {
        SwitchboardConfig c = load(ConfigLoader.builder().environment(Map.of())
                .override("servers.api.enabled", "false")
                .override("servers.api.priority", "10")
                .override("servers.api.request_timeout", "5s")
                .override("servers.files.args", "[--verbose, -x]"));
        ServerOptions api = c.servers().get(0).options();
        assertThat(api.enabled()).isFalse();
        assertThat(api.priority()).isEqualTo(10);
        assertThat(api.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(Configs.stdio(c, "files").args()).containsExactly("--verbose", "-x");
    }

    @Test
    void readsSwitchboardSetSeparatedBySemicolonsAndNewlines() {
        SwitchboardConfig c = load(ConfigLoader.builder().environment(Map.of("SWITCHBOARD_SET",
                "servers.api.enabled=false; servers.files.priority=3\ndefaults.connect_timeout=2s;")));
        assertThat(c.servers().get(0).options().enabled()).isFalse();
        assertThat(c.servers().get(1).options().priority()).isEqualTo(3);
        assertThat(c.servers().get(1).options().connectTimeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void builderOverridesWinOverSwitchboardSet() {
        SwitchboardConfig c = load(ConfigLoader.builder()
                .environment(Map.of("SWITCHBOARD_SET", "servers.api.priority=30"))
                .override("servers.api.priority=40"));
        assertThat(c.servers().get(0).options().priority()).isEqualTo(40);
    }

    @Test
    void addsHeadersWithInterpolationAndValuesContainingEquals() {
        SwitchboardConfig c = load(ConfigLoader.builder().environment(Map.of("T", "abc"))
                .override("servers.api.headers.Authorization=Bearer ${T}")
                .override("servers.api.headers.X-Query=a=b"));
        assertThat(Configs.http(c, "api").headers()).containsEntry("Authorization", "Bearer abc")
                .containsEntry("X-Query", "a=b");
    }

    @Test
    void emptyValueRemovesTheKey() {
        SwitchboardConfig c = load(ConfigLoader.builder().environment(Map.of()).override("servers.api.priority="));
        assertThat(c.servers().get(0).options().priority()).isEqualTo(ServerOptions.DEFAULT_PRIORITY);
    }

    @Test
    void appliesToNormalisedPathsWhateverTheFormat() {
        SwitchboardConfig c = ConfigLoader.builder().environment(Map.of()).override("servers.a.enabled", "false")
                .build().parse("{\"mcpServers\": {\"a\": {\"command\": \"npx\"}}}", "claude.json");
        assertThat(c.servers().get(0).options().enabled()).isFalse();
    }

    @Test
    void reportsBadOverridesAlongsideOtherProblems() {
        ConfigException e = Configs.failure(() -> load(ConfigLoader.builder()
                .environment(Map.of("SWITCHBOARD_SET", "servers.api.enabled"))
                .override("servers.files.command.x", "1")
                .override("servers..enabled", "true")
                .override("servers.api.enabld", "false")));
        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
                "SWITCHBOARD_SET entry 1: has no '=' (expected: key=value, e.g. servers.api.enabled=false)",
                "servers..enabled: cannot be set by override 2: the path has an empty key (expected: a dotted path"
                        + " like servers.api.enabled)",
                "servers.api.enabld: unknown key (did you mean enabled?)",
                "servers.files.command.x: cannot be set by override 1: servers.files.command is a string, not a map"
                        + " (expected: a dotted path like servers.api.enabled)");
    }

    @Test
    void refusesToConjureUpAServerFromATypo() {
        ConfigException e = Configs.failure(() -> load(ConfigLoader.builder().environment(Map.of())
                .override("servers.fils.enabled", "false")));
        assertThat(e.getMessage()).isEqualTo("servers.fils.enabled: cannot be set by override 1: there is no server"
                + " fils (did you mean files? expected: one of api, files)");
    }
}
