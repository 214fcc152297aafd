package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12: what a hostile or broken file can make large is rejected with the limit named, before it costs much. */
class RejectsOversizedConfigurationTest {
    @TempDir
    Path dir;

    @Test
    void rejectsAFileLargerThanTwoMebibytesWithoutParsingIt() throws Exception {
        // One 3 MB comment: SnakeYAML took 10 s (50 s on a busy machine) and 1.3 GB to reject 10 MB of it.
        Path file = dir.resolve("big.yaml");
        Files.writeString(file, "# " + "x".repeat(3_000_000) + "\nservers: {a: {command: x}}\n");

        ConfigException e = Configs.failure(() -> ConfigLoader.create().load(file));

        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(file + ": is larger than"
                + " 2097152 bytes (expected: a configuration file of at most 2 MiB; is this the right file?)");
    }

    @Test
    void rejectsTextLargerThanTwoMebibytes() {
        String text = "servers: {a: {command: \"" + "x".repeat(Limits.FILE_BYTES) + "\"}}";

        assertThat(Configs.failure(() -> Configs.yaml(text)).problems()).extracting(ConfigProblem::message)
                .containsExactly("is larger than 2097152 characters (expected: a configuration file of at most 2 MiB;"
                        + " is this the right file?)");
    }

    @Test
    void rejectsMapsAndListsNestedDeeperThan64InYamlAndJson() {
        String lists = "[".repeat(100_000) + "]".repeat(100_000);

        assertThat(Configs.problems("servers: {a: {command: x, args: " + lists + "}}")).singleElement()
                .asString().startsWith("servers.a.args[0][0]").endsWith(": nests maps and lists more than 64 deep"
                        + " (expected: a configuration, which needs a few levels)");
        ConfigException json = Configs.failure(() -> Configs.json(
                "{\"servers\": {\"a\": {\"command\": \"x\", \"args\": " + lists + "}}}", Map.of()));
        assertThat(json.problems()).singleElement().extracting(ConfigProblem::message)
                .isEqualTo("nests maps and lists more than 64 deep (expected: a configuration, which needs a few"
                        + " levels)");
    }

    @Test
    void readsNestingUpTo64() {
        // The top map, servers, a and 61 lists: 64 levels, read (and then found not to be a list of strings).
        String lists = "[".repeat(61) + "]".repeat(61);

        assertThat(Configs.problems("servers: {a: {command: x, args: " + lists + "}}"))
                .containsExactly("servers.a.args[0]: is a list (expected: a string)");
    }

    @Test
    void rejectsMoreThan10000Servers() {
        StringBuilder yaml = new StringBuilder("servers:\n");
        for (int i = 0; i <= Limits.SERVERS; i++) {
            yaml.append("  s").append(i).append(": {command: x}\n");
        }

        assertThat(Configs.problems(yaml.toString())).containsExactly("servers: has 10001 servers (expected: at most"
                + " 10000; run several Switchboards for more)");
    }

    @Test
    void rejectsADurationLongerThan64CharactersBeforeParsingIt() {
        // A million digits took BigDecimal 13 s (20 s on a busy machine); 10 MB, minutes.
        assertThat(Configs.problems("servers: {a: {command: x, request_timeout: \"" + "1".repeat(1_000_000)
                + "s\"}}")).containsExactly("servers.a.request_timeout: is longer than 64 characters (expected: a"
                + " duration like 500ms, 30s, 5m)");
        assertThat(Durations.parse("1".repeat(100) + "s")).isEmpty();
    }

    @Test
    void rejectsAnOverridePathOfMoreThan64Keys() {
        String path = "servers.a" + ".x".repeat(100_000);
        ConfigException e = Configs.failure(() -> ConfigLoader.builder().environment(Map.of())
                .override(path, "1").build().parse("servers: {a: {command: x}}", "test.yaml"));

        assertThat(e.problems()).singleElement().extracting(ConfigProblem::message).isEqualTo("cannot be set by"
                + " override 1: the path has more than 64 keys (expected: a dotted path like servers.api.enabled)");
    }
}
