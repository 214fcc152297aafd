package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.ServerState;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class RewritesProgressLineTest {

    @Test
    void eachUpdateOverwritesTheLineAndClearLeavesItBlank() {
        StringWriter text = new StringWriter();
        Progress progress = new Progress(new PrintWriter(text), 2);

        progress.update("a", ServerState.CONNECTING);
        progress.update("b", ServerState.CONNECTING);
        progress.update("a", ServerState.READY);
        progress.update("b", ServerState.FAILED);
        progress.clear();

        String last = "connecting... 2/2 settled, 1 ready";
        assertThat(text.toString()).doesNotContain("\n")
                .contains("connecting... 0/2 settled, 0 ready", "connecting... 1/2 settled, 1 ready")
                .endsWith(last + "\r" + " ".repeat(last.length()) + "\r");
    }
}
