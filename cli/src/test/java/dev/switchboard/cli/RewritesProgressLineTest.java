package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.ServerState;
import dev.switchboard.ServerStatus;
import dev.switchboard.config.Transport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class RewritesProgressLineTest {

    private static ServerStatus status(String name, ServerState state) {
        return new ServerStatus(name, Transport.STDIO, state, false, 100, null, null, null, List.of(), -1, -1, -1,
                null, null, 0, null);
    }

    @Test
    void eachUpdateOverwritesTheLineAndClearLeavesItBlank() {
        StringWriter text = new StringWriter();
        Progress progress = new Progress(new PrintWriter(text), 2);

        progress.update(status("a", ServerState.CONNECTING));
        progress.update(status("b", ServerState.CONNECTING));
        progress.update(status("a", ServerState.READY));
        progress.update(status("b", ServerState.FAILED));
        progress.clear();

        String last = "connecting... 2/2 settled, 1 ready";
        assertThat(text.toString()).doesNotContain("\n")
                .contains("connecting... 0/2 settled, 0 ready", "connecting... 1/2 settled, 1 ready")
                .endsWith(last + "\r" + " ".repeat(last.length()) + "\r");
    }
}
