package dev.switchboard.internal.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What an exited stdio server's failure says: its code, its last stderr lines or that it wrote none, what to do. */
class ProcessExitMessageTest {

    @Test
    void aSilentExitSaysSoAndWhatToCheck() {
        String m = new ProcessExit("quiet", 42, 1, List.of(), false).message();
        assertThat(m).isEqualTo("stdio server 'quiet' (pid 42) exited with code 1; it wrote nothing to stderr: check"
                + " its command, args and env");
    }

    @Test
    void anExitWithStderrQuotesItsLastLines() {
        String m = new ProcessExit("loud", 7, 3, List.of("boom", "fatal: no database"), false).message();
        assertThat(m).isEqualTo("stdio server 'loud' (pid 7) exited with code 3; last stderr lines:\n  boom\n"
                + "  fatal: no database\ncheck the server's stderr above and its command, args and env");
    }

    @Test
    void aRequestedExitIsNotAFailureToCheck() {
        assertThat(new ProcessExit("done", 9, 143, List.of("bye"), true).message())
                .endsWith("(killed by SIGTERM) (the exit was requested)");
    }
}
