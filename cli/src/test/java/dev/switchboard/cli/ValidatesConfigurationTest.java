package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidatesConfigurationTest {
    @TempDir
    Path dir;

    private Path mixedConfig() {
        Map<String, Object> servers = new LinkedHashMap<>();
        servers.put("a", Map.of("command", "/usr/bin/env", "args", new String[] {"true"}));
        servers.put("b", Map.of("command", "/usr/bin/env"));
        servers.put("c", Map.of("url", "https://mcp.example.com/mcp"));
        servers.put("d", Map.of("command", "/usr/bin/env", "enabled", false));
        return Configs.write(dir, servers);
    }

    @Test
    void validConfigurationPrintsOneLineSummaryAndExits0() {
        Path file = mixedConfig();

        Cli.Result r = Cli.run("validate", file.toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out().strip()).isEqualTo(file + ": valid - 4 servers (3 enabled: 2 stdio, 1 streamable-http), "
                + "0 warnings");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void warningsGoToStderrAndAreCounted() {
        Path file = Configs.write(dir, Map.of("a", Map.of("command", "/usr/bin/env", "inherit_env", true)));

        Cli.Result r = Cli.run("validate", file.toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("1 warning").doesNotContain("inherit_env");
        assertThat(r.err()).startsWith("warning: servers.a.inherit_env");
    }

    @Test
    void invalidConfigurationListsEveryProblemAndExits2() {
        Path file = Configs.writeText(dir, "bad.yaml", """
                servers:
                  a:
                    command: /usr/bin/env
                    priority: 0
                  b:
                    url: ftp://example.com/mcp
                    connectTimeout: 5s
                """);

        Cli.Result r = Cli.run("validate", file.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).first().asString().startsWith("error: CONFIG_INVALID: " + file);
        assertThat(r.err()).contains("\nservers.a.priority: ", "\nservers.b.url: ", "\nservers.b.connectTimeout: ")
                .doesNotContain("\tat ");
    }

    @Test
    void missingFileIsAConfigurationProblem() {
        Cli.Result r = Cli.run("validate", dir.resolve("nope.yaml").toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("file not found");
    }

    @Test
    void setOverridesTheFile() {
        Path file = mixedConfig();

        Cli.Result r = Cli.run("validate", file.toString(), "--set", "servers.c.enabled=false", "--set",
                "servers.d.enabled=true");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("4 servers (3 enabled: 3 stdio)");
    }
}
