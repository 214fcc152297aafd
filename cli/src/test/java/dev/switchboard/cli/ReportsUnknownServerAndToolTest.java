package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsUnknownServerAndToolTest {
    @TempDir
    Path dir;

    @Test
    void unknownServerExits1AndListsTheKnownOnes() {
        Map<String, Object> servers = new LinkedHashMap<>();
        servers.put("alpha", Configs.missingCommand(true));
        servers.put("beta", Configs.missingCommand(true));

        Cli.Result r = Cli.run("call", Configs.write(dir, servers).toString(), "alpah", "echo");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("error: UNKNOWN_SERVER: no server is named 'alpah'; did you mean alpha?",
                "known: alpha, beta").doesNotContain("PROCESS_START_FAILED");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void unknownToolExits1AndSuggestsTheClosest() {
        Path file = Configs.write(dir, Map.of("alpha", Configs.stdio(Configs.alpha())));

        Cli.Result r = Cli.run("call", file.toString(), "alpha", "ecko");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("error: UNKNOWN_TOOL: server 'alpha' has no tool 'ecko'; did you mean echo?");
    }

    @Test
    void serverThatCannotStartExits1WithTheReason() {
        Path file = Configs.write(dir, Map.of("alpha", Configs.missingCommand(false)));

        Cli.Result r = Cli.run("call", file.toString(), "alpha", "echo");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("error: SERVER_UNAVAILABLE: server 'alpha' is FAILED", "PROCESS_START_FAILED");
    }
}
