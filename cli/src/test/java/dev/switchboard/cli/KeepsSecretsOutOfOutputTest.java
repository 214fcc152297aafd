package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A secret in a stdio server's environment and in an HTTP server's headers never reaches stdout or stderr, even at
 * trace level, in either log format, and even when a tool hands the secret back.
 */
class KeepsSecretsOutOfOutputTest {
    private final String envSecret = "SENTINEL-env-" + UUID.randomUUID();
    private final String headerSecret = "SENTINEL-hdr-" + UUID.randomUUID();

    @TempDir
    Path dir;
    private String config;

    @BeforeEach
    void writeConfig() {
        Map<String, Object> alpha = Configs.requiredStdio(Configs.alpha());
        alpha.put("env", Map.of("API_TOKEN", envSecret));
        Map<String, Object> servers = new LinkedHashMap<>();
        servers.put("alpha", alpha);
        servers.put("remote", Configs.closedHttp(Map.of("Authorization", "Bearer " + headerSecret)));
        config = Configs.write(dir, servers).toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"console", "json"})
    void checkAtTraceLevel(String format) {
        Cli.Result r = Cli.run("check", config, "--log-level", "trace", "--log-format", format);

        assertThat(r.err()).as("trace logs are on").contains("upstream.connecting", "remote", "UNREACHABLE");
        assertNoSecret(r);
    }

    @ParameterizedTest
    @ValueSource(strings = {"console", "json"})
    void toolsAsJsonAtTraceLevel(String format) {
        Cli.Result r = Cli.run("tools", config, "--json", "--log-level", "trace", "--log-format", format);

        assertThat(r.err()).contains("UNREACHABLE");
        assertNoSecret(r);
    }

    @ParameterizedTest
    @ValueSource(strings = {"console", "json"})
    void callOfAToolThatReturnsTheSecret(String format) {
        Cli.Result plain = Cli.run("call", config, "alpha", "env", "--args", "{\"name\": \"API_TOKEN\"}",
                "--log-level", "trace", "--log-format", format);
        Cli.Result json = Cli.run("call", config, "alpha", "env", "--args", "{\"name\": \"API_TOKEN\"}", "--json",
                "--log-level", "trace", "--log-format", format);

        assertThat(plain.exitCode()).as(plain.toString()).isZero();
        assertThat(plain.out().strip()).isEqualTo("***");
        assertNoSecret(plain);
        assertNoSecret(json);
    }

    @ParameterizedTest
    @ValueSource(strings = {"console", "json"})
    void secretSentAsAToolArgumentIsScrubbedFromTraceLogsAndTheResult(String format) {
        Cli.Result r = Cli.run("call", config, "alpha", "echo", "--args", "{\"token\": \"" + envSecret + "\"}",
                "--log-level", "trace", "--log-format", format);

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out().strip()).isEqualTo("{\"token\":\"***\"}");
        assertThat(r.err()).as("the request is traced").contains("tools/call");
        assertNoSecret(r);
    }

    @ParameterizedTest
    @ValueSource(strings = {"console", "json"})
    void failedRequiredServerWithStackTraces(String format) {
        Cli.Result r = Cli.run("call", config, "remote", "anything", "--log-level", "debug", "--log-format", format);

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("SERVER_UNAVAILABLE", "\tat ");
        assertNoSecret(r);
    }

    private void assertNoSecret(Cli.Result r) {
        assertThat(r.out()).doesNotContain("SENTINEL");
        assertThat(r.err()).doesNotContain("SENTINEL");
    }
}
