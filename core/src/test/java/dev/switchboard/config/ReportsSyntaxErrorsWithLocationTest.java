package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsSyntaxErrorsWithLocationTest {

    @Test
    void reportsYamlErrorWithFileLineAndColumn() {
        Path file = Configs.fixturePath("broken.yaml");
        ConfigException e = Configs.failure(() -> Configs.fixture("broken.yaml", Map.of()));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo(file + ":7:1");
            assertThat(p.message()).isEqualTo("invalid YAML: found unexpected end of stream (while scanning a quoted"
                    + " scalar that starts at 6:18)");
        });
        assertThat(e.getMessage()).doesNotContain("s3cr3t-in-yaml");
    }

    @Test
    void reportsJsonErrorWithFileLineAndColumn() {
        Path file = Configs.fixturePath("broken.json");
        ConfigException e = Configs.failure(() -> Configs.fixture("broken.json", Map.of()));
        assertThat(e.problems()).containsExactly(new ConfigProblem(file + ":5:7", "invalid JSON: Unexpected"
                + " character ('\"' (code 34)): was expecting comma to separate Object entries"));
    }

    @Test
    void doesNotQuoteTokensThatCouldBeSecrets() {
        ConfigException e = Configs.failure(() -> Configs.json("{\"servers\": sk-live-0123}", Map.of()));
        assertThat(e.getMessage()).startsWith("test.json:1:13: invalid JSON: Unrecognized token '...'")
                .doesNotContain("sk-live");
    }

    @Test
    void reportsMappingErrorInYaml() {
        assertThat(Configs.problems("servers:\n  a: b: c\n")).containsExactly(
                "test.yaml:2:7: invalid YAML: mapping values are not allowed here");
    }

    @Test
    void reportsEmptyAndNonMapDocuments() {
        assertThat(Configs.problems("# nothing\n")).containsExactly(
                "test.yaml: is empty (expected: a map with servers: at the top)");
        assertThat(Configs.problems("- a\n- b\n")).containsExactly(
                "test.yaml: is a list (expected: a map with servers: at the top)");
    }

    @Test
    void reportsMissingFileAndDirectory(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        ConfigException e = Configs.failure(() -> ConfigLoader.create().load(missing));
        assertThat(e.problems()).containsExactly(new ConfigProblem(missing.toString(),
                "file not found (expected: the path of a readable configuration file)"));
        ConfigException d = Configs.failure(() -> ConfigLoader.create().load(dir));
        assertThat(d.getMessage()).isEqualTo(dir + ": is a directory (expected: a configuration file)");
    }

    @Test
    void readsAFileWithByteOrderMark(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bom.yaml");
        Files.writeString(file, "\uFEFFservers:\n  a: {command: x}\n");
        assertThat(ConfigLoader.builder().environment(Map.of()).build().load(file).servers()).hasSize(1);
    }
}
