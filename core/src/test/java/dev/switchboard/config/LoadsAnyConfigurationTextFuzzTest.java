package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 12: any text, in any format, with any overrides and variables, either loads or is a {@link ConfigException};
 * anything else (a stack overflow, a runtime exception, running out of memory) is a defect. Replays the committed
 * corpus in every build; {@code JAZZER_FUZZ=1} fuzzes for real (docs/reliability.md).
 *
 * <p>An input is the configuration text, then optionally, after NUL characters: a {@code SWITCHBOARD_SET} value, a
 * {@code --set} assignment and the value of variable {@code V}. Seeds are plain configuration files.
 */
class LoadsAnyConfigurationTextFuzzTest {
    private static final String SECRET = "s3cr3t-t0ken-value";
    private static final List<String> SOURCES = List.of("fuzz.yaml", "fuzz.json", "fuzz.conf");

    @FuzzTest(maxDuration = "5m")
    void loadsOrReportsProblems(byte[] input) {
        String[] parts = new String(input, StandardCharsets.UTF_8).split("\0", 4);
        Map<String, String> env = new HashMap<>(Map.of("TOKEN", SECRET, "HOME", "/home/user"));
        if (parts.length > 1) {
            env.put("SWITCHBOARD_SET", parts[1]);
        }
        env.put("V", parts.length > 3 ? parts[3] : "value");
        ConfigLoader.Builder loader = ConfigLoader.builder().environment(env);
        if (parts.length > 2) {
            loader.override(parts[2]);
        }
        for (String source : SOURCES) {
            try {
                loader.build().parse(parts[0], source);
            } catch (ConfigException e) {
                assertThat(e.problems()).isNotEmpty();
                if (!String.join("", parts).contains(SECRET)) {
                    assertThat(e.getMessage()).as("a problem quotes the value of ${TOKEN}").doesNotContain(SECRET);
                }
            }
        }
    }
}
