package dev.switchboard.internal.upstream;

import static dev.switchboard.internal.upstream.StdioScripts.bash;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The child sees the safe set, the names it is allowed, and its configured values, but not the rest of the parent's
 * environment (which holds the parent's secrets).
 */
class StdioChildEnvironmentTest {
    @TempDir
    Path dir;

    @Test
    void childSeesOnlySafeSetPassedNamesAndConfiguredValues() throws Exception {
        List<String> parentOnly = parentOnlyNames();
        assumeThat(parentOnly).as("parent variables outside the safe set").hasSizeGreaterThanOrEqualTo(2);
        String hidden = parentOnly.get(0);
        String passed = parentOnly.get(1);

        Map<String, String> seen = runAndCaptureEnv(Map.of("SB_CONFIGURED", "from-config", "HOME", "/custom/home"),
                List.of(passed), false);

        assertThat(seen).doesNotContainKey(hidden);
        assertThat(seen).containsEntry(passed, System.getenv(passed));
        assertThat(seen).containsEntry("SB_CONFIGURED", "from-config");
        assertThat(seen).containsEntry("HOME", "/custom/home"); // configured env wins over the safe set
        assertThat(seen).containsEntry("PATH", System.getenv("PATH"));
    }

    @Test
    void inheritEnvGivesTheWholeParentEnvironment() throws Exception {
        List<String> parentOnly = parentOnlyNames();
        assumeThat(parentOnly).isNotEmpty();

        Map<String, String> seen = runAndCaptureEnv(Map.of(), List.of(), true);

        assertThat(seen).containsEntry(parentOnly.get(0), System.getenv(parentOnly.get(0)));
    }

    @Test
    void builtEnvironmentIgnoresCaseOfNamesOnWindows() {
        var server = bash("s", "true").toBuilder().env(Map.of("Extra", "1")).build();
        Map<String, String> parent = Map.of("Path", "C:\\bin", "SystemRoot", "C:\\Windows", "SECRET_KEY", "x");

        Map<String, String> env = ChildEnvironment.of(server, parent, true);

        assertThat(env.get("PATH")).isEqualTo("C:\\bin");
        assertThat(env.get("SYSTEMROOT")).isEqualTo("C:\\Windows");
        assertThat(env).doesNotContainKey("SECRET_KEY").containsEntry("Extra", "1");
    }

    private Map<String, String> runAndCaptureEnv(Map<String, String> env, List<String> passEnv, boolean inherit)
            throws Exception {
        Path out = dir.resolve("env.bin");
        var server = bash("env-dump", "env -0 > \"$0\"", env, passEnv, inherit, null, out.toString());
        var exited = new CompletableFuture<ProcessExit>();
        try (var transport = StdioScripts.transport(server)) {
            transport.onExit(exited::complete);
            transport.start();
            assertThat(exited.get(StdioScripts.PROMPTLY.toMillis(), TimeUnit.MILLISECONDS).exitCode()).isZero();
        }
        Map<String, String> seen = new HashMap<>();
        for (String entry : Files.readString(out, StandardCharsets.UTF_8).split("\0")) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                seen.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return seen;
    }

    /** Variables this JVM has that a child must not see by default; picked at runtime. */
    private static List<String> parentOnlyNames() {
        return System.getenv().keySet().stream()
                .filter(n -> !ChildEnvironment.SAFE_NAMES.contains(n))
                .filter(n -> n.matches("[A-Za-z_][A-Za-z0-9_]*") && !n.startsWith("BASH_FUNC"))
                .filter(n -> !List.of("PWD", "SHLVL", "_", "OLDPWD").contains(n))
                .sorted().toList();
    }
}
