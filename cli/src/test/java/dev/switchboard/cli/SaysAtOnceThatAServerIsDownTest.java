package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code call} on a server that is down answers with the reason at once, rather than waiting out its deadline for
 * the server to come back (as the library does by default): startup already waited for the first attempt.
 */
class SaysAtOnceThatAServerIsDownTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void callOfADownServerFailsWithTheCauseLongBeforeItsDeadline() {
        String config = Configs.write(dir, Map.of("remote", Configs.closedHttp(Map.of()))).toString();

        Cli.Result r = Cli.run("call", config, "remote", "anything", "--timeout", "30m");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err().lines().filter(l -> l.startsWith("error: ")))
                .singleElement().asString().startsWith("error: SERVER_UNAVAILABLE: server 'remote' is RETRYING")
                .contains("the last failure: UNREACHABLE: server 'remote' is unreachable: connection refused at");
    }
}
