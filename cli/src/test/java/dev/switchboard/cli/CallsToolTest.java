package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallsToolTest {
    @TempDir
    Path dir;
    private String config;

    @BeforeEach
    void writeConfig() {
        Map<String, Object> alpha = Configs.stdio(Configs.alpha());
        alpha.put("aliases", List.of("a"));
        Map<String, Object> servers = new LinkedHashMap<>();
        servers.put("alpha", alpha);
        // Required and broken: a call to alpha must not even try to start it.
        servers.put("broken", Configs.missingCommand(true));
        config = Configs.write(dir, servers).toString();
    }

    @Test
    void printsTheTextOfTheResult() {
        Cli.Result r = Cli.run("call", config, "alpha", "echo", "--args", "{\"city\": \"Oslo\", \"n\": 2}");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out().strip()).isEqualTo("{\"city\":\"Oslo\",\"n\":2}");
        assertThat(r.err()).doesNotContain("broken");
    }

    @Test
    void readsArgumentsFromAFile() {
        Path args = Configs.writeText(dir, "args.json", "{\"from\": \"file\"}");

        Cli.Result r = Cli.run("call", config, "a", "echo", "--args", "@" + args, "--timeout", "30s");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out().strip()).isEqualTo("{\"from\":\"file\"}");
    }

    @Test
    void jsonPrintsTheWholeResultWithServerToolAndDuration() throws Exception {
        Cli.Result r = Cli.run("call", config, "alpha", "echo", "--json");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("server").asText()).isEqualTo("alpha");
        assertThat(doc.get("tool").asText()).isEqualTo("echo");
        assertThat(doc.get("durationMs").isIntegralNumber()).isTrue();
        assertThat(doc.get("isError").asBoolean()).isFalse();
        assertThat(doc.get("result").get("content").get(0).get("type").asText()).isEqualTo("text");
        assertThat(doc.get("result").get("content").get(0).get("text").asText()).isEqualTo("{}");
    }
}
