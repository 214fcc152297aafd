package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 12: ${...} defaults nested 2,000 deep overflowed the stack; 100,000 deep took 30 s and 4.3 GB. */
class RejectsRunawayVariableExpansionTest {

    private static String nested(int depth, String innermost) {
        return "${V:-".repeat(depth) + innermost + "}".repeat(depth);
    }

    @Test
    void rejectsDefaultsNestedDeeperThan16InsteadOfOverflowingTheStack() {
        for (int depth : new int[] {17, 2_000, 100_000}) {
            assertThat(Configs.problems("servers: {a: {command: x, args: [\"" + nested(depth, "y") + "\"]}}"))
                    .as("depth %s", depth).containsExactly("servers.a.args[0]: nests ${VAR:-default} more than 16"
                            + " deep (expected: at most 16 levels of defaults within defaults)");
        }
    }

    @Test
    void resolvesDefaultsNested16Deep() {
        SwitchboardConfig config = Configs.yaml("servers: {a: {command: \"" + nested(16, "npx") + "\"}}");

        assertThat(Configs.stdio(config, "a").command()).isEqualTo("npx");
    }

    @Test
    void stopsExpandingPastFourMebibytesOfVariableValues() {
        // Each reference is cheap to write and costly to expand: 5 x 1 MiB here, 100 GB within the file size limit.
        Map<String, String> env = Map.of("BIG", "x".repeat(1024 * 1024));

        ConfigException e = Configs.failure(() -> Configs.yaml("servers: {a: {command: x, args: [\""
                + "${BIG}".repeat(5) + "\"]}}", env));

        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly("servers.a.args[0]: makes ${...}"
                + " references expand to more than 4194304 characters in all (expected: fewer references to long"
                + " variables)");
    }

    @Test
    void expandsFourMebibytesOfVariableValues() {
        Map<String, String> env = Map.of("BIG", "x".repeat(1024 * 1024));

        SwitchboardConfig config = Configs.yaml("servers: {a: {command: x, args: [\"" + "${BIG}".repeat(4)
                + "\"]}}", env);

        assertThat(Configs.stdio(config, "a").args()).singleElement().asString().hasSize(4 * 1024 * 1024);
    }
}
