package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.LogSettings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code --log-level} and {@code --log-format} become the configuration's {@code logging} section, over the file and
 * over {@code --set}: the library's own events follow the configuration, and {@code watch} reloads the file through
 * the same loader, so the flags still hold after a reload.
 */
class FlagsWinOverTheLoggingSectionTest {
    @TempDir
    Path dir;

    @Test
    void theLoaderOfACommandGivesTheFlagsSettings() {
        Path file = Configs.write(dir, Map.of("alpha", Configs.stdio(Configs.alpha())),
                Map.of("logging", Map.of("enabled", false, "level", "error", "format", "json")));
        CommandLine cl = Main.commandLine();
        cl.parseArgs("watch", file.toString(), "--set", "logging.level=warn", "--log-level", "debug",
                "--log-format", "console");
        WatchCommand watch = cl.getSubcommands().get("watch").getCommand();

        assertThat(watch.loader().load(file).logging()).isEqualTo(new LogSettings(true, "DEBUG", "console"));
    }

    @Test
    void withoutFlagsTheFileDecides() {
        Path file = Configs.write(dir, Map.of("alpha", Configs.stdio(Configs.alpha())),
                Map.of("logging", Map.of("enabled", false, "level", "error", "format", "json")));
        CommandLine cl = Main.commandLine();
        cl.parseArgs("watch", file.toString());
        WatchCommand watch = cl.getSubcommands().get("watch").getCommand();

        assertThat(watch.loader().load(file).logging()).isEqualTo(new LogSettings(false, "ERROR", "json"));
    }
}
