package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksServersTest {
    @TempDir
    Path dir;

    @Test
    void everyRequiredServerReadyExits0AndReportsEachServer() {
        Map<String, Object> servers = new LinkedHashMap<>();
        servers.put("alpha", Configs.requiredStdio(Configs.alpha()));
        servers.put("spare", Map.of("command", "/usr/bin/env", "enabled", false));

        Cli.Result r = Cli.run("check", Configs.write(dir, servers).toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).containsPattern("alpha +READY +stdio, required")
                .contains("alpha-server 2.3.4, MCP 20", "3 tools, 0 resources, 0 prompts", "connected in")
                .containsPattern("health +HEALTHY, probe \\d")
                .containsPattern("spare +DISABLED +stdio")
                .contains("OK: 1 of 2 servers ready, 1 disabled; every required server is ready.");
    }

    @Test
    void requiredServerThatFailsExits1AndShowsItsErrorCode() {
        Map<String, Object> servers = new LinkedHashMap<>();
        servers.put("alpha", Configs.stdio(Configs.alpha()));
        servers.put("broken", Configs.missingCommand(true));

        Cli.Result r = Cli.run("check", Configs.write(dir, servers).toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).containsPattern("broken +FAILED +stdio, required")
                .contains("error         PROCESS_START_FAILED: ", "/nonexistent/mcp-server")
                .contains("FAILED: 1 of 2 servers ready, 1 not ready; not ready: broken (required).");
    }

    @Test
    void optionalServerThatFailsPassesUnlessStrict() {
        Map<String, Object> servers = new LinkedHashMap<>();
        servers.put("alpha", Configs.requiredStdio(Configs.alpha()));
        servers.put("broken", Configs.missingCommand(false));
        String file = Configs.write(dir, servers).toString();

        Cli.Result lenient = Cli.run("check", file, "--set", "servers.alpha.enabled=false");
        Cli.Result strict = Cli.run("check", file, "--strict", "--set", "servers.alpha.enabled=false");

        assertThat(lenient.exitCode()).as(lenient.toString()).isZero();
        assertThat(strict.exitCode()).as(strict.toString()).isEqualTo(1);
        assertThat(strict.out()).contains("not ready: broken (--strict");
    }
}
