package dev.switchboard.internal.upstream;

import static dev.switchboard.internal.upstream.StdioScripts.PROMPTLY;
import static dev.switchboard.internal.upstream.StdioScripts.gone;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A JVM that exits without closing its servers still takes their process trees with it. */
class ChildProcessShutdownHookTest {

    @Test
    void exitingJvmKillsTheTreesOfServersItNeverClosed() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process jvm = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ChildProcessOrphanProbe.class.getName()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long serverPid = -1;
        long grandchildPid = -1;
        try (var out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("pids ")) {
                    String[] parts = line.split(" ");
                    serverPid = Long.parseLong(parts[1]);
                    grandchildPid = Long.parseLong(parts[2]);
                }
            }
        } finally {
            assertThat(jvm.waitFor(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS)).as("probe JVM exited").isTrue();
        }

        assertThat(serverPid).as("probe reported its pids").isPositive();
        assertThat(gone(serverPid)).as("server gone").isTrue();
        assertThat(gone(grandchildPid)).as("grandchild gone").isTrue();
    }
}
