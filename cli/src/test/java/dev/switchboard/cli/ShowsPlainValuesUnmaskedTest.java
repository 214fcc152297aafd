package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeResource;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Only secrets are masked: a server whose environment holds plain values (its own name, {@code production}, a long
 * label) is shown as it is in {@code tools}, {@code call} and {@code resolve}, while a token read from a variable is
 * masked in the same output (the build sets {@code SWITCHBOARD_TEST_TOKEN} for the tests).
 */
class ShowsPlainValuesUnmaskedTest {
    private static final String LABEL = "inventory-service-eu-west";

    @TempDir
    Path dir;
    private String config;

    @BeforeEach
    void writeConfig() {
        Map<String, Object> inventory = Configs.stdio(FakeMcpServer.builder().name("inventory")
                .tool(dev.switchboard.testing.FakeTool.env("env"))
                .resource(FakeResource.text("db://inventory/items", "items", "text/plain", "i1")).build());
        inventory.put("env", Map.of("SERVICE", "inventory", "NODE_ENV", "production", "LABEL", LABEL,
                "API_TOKEN", "${SWITCHBOARD_TEST_TOKEN}"));
        inventory.put("domains", List.of("stock"));
        Map<String, Object> servers = new LinkedHashMap<>();
        servers.put("inventory", inventory);
        config = Configs.write(dir, servers).toString();
    }

    @Test
    void toolsShowsTheServerWhoseEnvironmentHoldsItsName() {
        Cli.Result r = Cli.run("tools", config);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("inventory__env").doesNotContain("***");
    }

    @Test
    void callShowsPlainValuesAndMasksTheToken() {
        Cli.Result label = Cli.run("call", config, "inventory", "env",
                "--args", "{\"name\": \"LABEL\"}");
        Cli.Result mode = Cli.run("call", config, "inventory", "env",
                "--args", "{\"name\": \"NODE_ENV\"}");
        Cli.Result secret = Cli.run("call", config, "inventory", "env",
                "--args", "{\"name\": \"API_TOKEN\"}", "--log-level", "trace");

        assertThat(label.out().strip()).as(label.toString()).isEqualTo(LABEL);
        assertThat(mode.out().strip()).isEqualTo("production");
        assertThat(secret.out().strip()).as(secret.toString()).isEqualTo("***");
        assertThat(secret.err()).doesNotContain("SENTINEL");
    }

    @Test
    void resolveNamesTheServer() {
        Cli.Result r = Cli.run("resolve", config, "items", "--domain", "stock");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("inventory").doesNotContain("***");
    }
}
