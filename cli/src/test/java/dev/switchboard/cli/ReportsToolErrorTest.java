package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsToolErrorTest {
    @TempDir
    Path dir;

    @Test
    void toolThatReportsAnErrorExits1WithItsMessageOnStderr() {
        Path file = Configs.write(dir, Map.of("alpha", Configs.stdio(Configs.alpha())));

        Cli.Result r = Cli.run("call", file.toString(), "alpha", "refuse");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("error: TOOL_ERROR: tool 'refuse' of server 'alpha' reported an error: "
                + "nothing to refuse today");
    }

    @Test
    void jsonStillPrintsTheResultAndExits1() throws Exception {
        Path file = Configs.write(dir, Map.of("alpha", Configs.stdio(Configs.alpha())));

        Cli.Result r = Cli.run("call", file.toString(), "alpha", "refuse", "--json");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(new ObjectMapper().readTree(r.out()).get("isError").asBoolean()).isTrue();
        assertThat(r.err()).contains("nothing to refuse today");
    }
}
