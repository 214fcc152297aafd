package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WritesLogsToStderrTest {
    @TempDir
    Path dir;

    private String config(Map<String, Object> logging) {
        return Configs.write(dir, Map.of("alpha", Configs.stdio(Configs.alpha())), Map.of("logging", logging))
                .toString();
    }

    @Test
    void jsonLogLinesCarryTheEventFieldsAndStdoutStaysPureJson() throws Exception {
        Cli.Result r = Cli.run("check", config(Map.of()), "--json", "--log-format", "json", "--log-level", "info");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(new ObjectMapper().readTree(r.out()).get("ok").asBoolean()).isTrue();
        JsonNode ready = r.err().lines().filter(l -> l.contains("\"upstream.ready\"")).findFirst()
                .map(WritesLogsToStderrTest::parse).orElseThrow();
        assertThat(ready.get("level").asText()).isEqualTo("INFO");
        assertThat(ready.get("server").asText()).isEqualTo("alpha");
        assertThat(ready.get("transport").asText()).isEqualTo("stdio");
        assertThat(ready.get("tools").asInt()).isEqualTo(3);
    }

    @Test
    void consoleLinesShowTimeLevelEventAndFields() {
        Cli.Result r = Cli.run("check", config(Map.of()), "--log-level", "info");

        assertThat(r.err()).containsPattern("(?m)^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  upstream\\.ready server=alpha "
                + "transport=stdio protocol=\\S+ duration_ms=\\d+ tools=3$");
        assertThat(r.out()).doesNotContain("upstream.");
    }

    @Test
    void theConfigurationChoosesLevelAndFormatWhenNoFlagDoes() {
        Cli.Result r = Cli.run("check", config(Map.of("level", "info", "format", "json")));

        assertThat(r.err().lines().filter(l -> l.startsWith("{")).map(WritesLogsToStderrTest::parse)
                .map(n -> n.get("message").asText())).contains("upstream.ready");
    }

    @Test
    void loggingDisabledInTheConfigurationSilencesLogsUnlessALevelIsGiven() {
        String file = config(Map.of("enabled", false, "level", "debug"));

        Cli.Result quiet = Cli.run("check", file);
        Cli.Result loud = Cli.run("check", file, "--log-level", "info");

        assertThat(quiet.err()).isEmpty();
        assertThat(loud.err()).contains("upstream.ready");
    }

    private static JsonNode parse(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }
}
