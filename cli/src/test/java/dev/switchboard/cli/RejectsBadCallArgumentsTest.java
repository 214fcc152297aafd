package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage errors are found before any server is started: the server here could not even start. */
class RejectsBadCallArgumentsTest {
    @TempDir
    Path dir;
    private String config;

    @BeforeEach
    void writeConfig() {
        config = Configs.write(dir, Map.of("alpha", Configs.missingCommand(true))).toString();
    }

    @Test
    void argumentsThatAreNotAnObjectExit2() {
        Cli.Result r = Cli.run("call", config, "alpha", "echo", "--args", "[1, 2]");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("--args", "is a JSON array", "expected: a JSON object")
                .doesNotContain("PROCESS_START_FAILED");
    }

    @Test
    void argumentsThatAreNotJsonExit2() {
        Cli.Result r = Cli.run("call", config, "alpha", "echo", "--args", "{city: Oslo");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("is not valid JSON", "Try 'switchboard call --help'");
    }

    @Test
    void missingArgumentsFileExits2() {
        Cli.Result r = Cli.run("call", config, "alpha", "echo", "--args", "@" + dir.resolve("nope.json"));

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("nope.json not found");
    }

    @Test
    void timeoutWithoutUnitExits2() {
        Cli.Result r = Cli.run("call", config, "alpha", "echo", "--timeout", "30");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("'30' is not a duration (expected: a positive duration like 500ms, 30s, 5m)");
    }

    @Test
    void missingToolNameExits2() {
        Cli.Result r = Cli.run("call", config);

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Missing required parameter: 'NAME|SERVER'");
    }
}
