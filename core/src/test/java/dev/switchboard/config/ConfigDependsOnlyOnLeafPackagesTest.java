package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine depends on the configuration model, so the model may use only leaf packages of the engine (ones that
 * import nothing of Switchboard): otherwise the packages form a cycle again, as config and catalog once did.
 */
class ConfigDependsOnlyOnLeafPackagesTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/switchboard");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(dev\\.switchboard\\.[\\w.]+);",
            Pattern.MULTILINE);
    private static final List<String> LEAVES = List.of("dev.switchboard.internal.observe.",
            "dev.switchboard.internal.util.");

    @Test
    void configImportsNoInternalPackageButTheLeaves() {
        assertThat(imports("config")).contains("dev.switchboard.internal.util.Check").filteredOn(i -> i.startsWith("dev.switchboard.internal."))
                .allMatch(i -> LEAVES.stream().anyMatch(i::startsWith), "in a leaf package");
    }

    @Test
    void theLeavesImportNothingOfSwitchboard() {
        assertThat(imports("internal/observe")).isEmpty();
        assertThat(imports("internal/util")).isEmpty();
    }

    /** The Switchboard types the main sources of a package import. */
    private static List<String> imports(String packageDir) {
        try (Stream<Path> files = Files.list(SOURCES.resolve(packageDir))) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .flatMap(f -> IMPORT.matcher(read(f)).results().map(r -> r.group(1))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
