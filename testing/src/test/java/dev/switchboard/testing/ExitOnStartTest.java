package dev.switchboard.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ExitOnStartTest {

    @Test
    void writesItsStderrLinesAndExitsWithTheCodeWithoutServing() throws Exception {
        var command = FakeMcpServer.builder().exitOnStart(3, "config missing", "giving up").stdioCommand();
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(Clients.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(3);
        assertThat(stderr.lines()).containsSubsequence("config missing", "giving up");
        assertThat(stdout).isEmpty();
    }

    @Test
    void isRefusedInProcessWhereItCouldNotExit() {
        var scenario = FakeMcpServer.builder().exitOnStart(3).build();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FakeMcpServer.startHttp(scenario)).withMessageContaining("child process");
    }
}
