package dev.switchboard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class FakeMcpServerMainArgumentsTest {

    @TempDir
    Path dir;

    @Test
    void readsTheScenarioFromAFile() throws Exception {
        Path file = Files.writeString(dir.resolve("scenario.json"), """
                {"name":"from-file","faults":{"exitOnStart":7,"startupStderr":["read from file"]}}""");
        var result = run(withArgs("--scenario", file.toString()));
        assertThat(result.exitCode()).isEqualTo(7);
        assertThat(result.stderr()).contains("read from file");
    }

    @Test
    void rejectsAMissingScenarioWithUsageAndExitCode2() throws Exception {
        var result = run(withArgs());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("a scenario is required", "usage:");
    }

    /** The child command with its scenario arguments replaced. */
    private static List<String> withArgs(String... args) {
        List<String> command = new ArrayList<>(FakeMcpServer.stdioCommand(FakeMcpServer.builder().build()));
        int main = command.indexOf(FakeMcpServer.MAIN_CLASS);
        command.subList(main + 1, command.size()).clear();
        command.addAll(List.of(args));
        return command;
    }

    private record Result(int exitCode, String stderr) {
    }

    private static Result run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        process.getOutputStream().close();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(Clients.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        return new Result(process.exitValue(), stderr);
    }
}
