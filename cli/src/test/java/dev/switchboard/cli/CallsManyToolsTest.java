package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code call-many}: outcomes in input order, a failure among successes, fail-fast, and a malformed file. */
class CallsManyToolsTest {
    @TempDir
    Path dir;

    private Path config() {
        Map<String, Object> servers = new LinkedHashMap<>();
        servers.put("alpha", Configs.requiredStdio(Configs.alpha()));
        return Configs.write(dir, servers);
    }

    private Path calls(String json) {
        return Configs.writeText(dir, "calls.json", json);
    }

    @Test
    void printsOneOutcomePerCallInInputOrderAndExits1WhenOneFailed() {
        Path calls = calls("[{\"tool\": \"alpha__echo\", \"arguments\": {\"n\": 1}},"
                + " {\"tool\": \"refuse\"}, {\"tool\": \"ecko\"}, {\"tool\": \"echo\", \"arguments\": {\"n\": 4}}]");
        Cli.Result r = Cli.run("call-many", config().toString(), calls.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out().lines()).element(0).asString().startsWith("#0 OK   alpha__echo (alpha, ").contains("\"n\":1");
        assertThat(r.out().lines()).element(1).asString().startsWith("#1 FAIL refuse (alpha, ")
                .contains("TOOL_ERROR: nothing to refuse today");
        assertThat(r.out().lines()).element(2).asString().startsWith("#2 FAIL ecko  UNKNOWN_TOOL")
                .contains("did you mean");
        assertThat(r.out().lines()).element(3).asString().startsWith("#3 OK   echo").contains("\"n\":4");
        assertThat(r.out()).contains("2 of 4 calls succeeded");
    }

    @Test
    void jsonHasOneEntryPerCall() throws Exception {
        Path calls = calls("[{\"tool\": \"echo\", \"arguments\": {\"k\": \"v\"}}, {\"tool\": \"echo\"}]");
        Cli.Result r = Cli.run("call-many", config().toString(), calls.toString(), "--json", "--max-concurrency",
                "2");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc).hasSize(2);
        assertThat(doc.get(0).get("ok").asBoolean()).isTrue();
        assertThat(doc.get(0).get("server").asText()).isEqualTo("alpha");
        assertThat(doc.get(0).get("result").get("content").get(0).get("text").asText()).contains("\"k\":\"v\"");
    }

    @Test
    void failFastReportsTheFailedCallAndExits1() {
        Path calls = calls("[{\"tool\": \"refuse\"}, {\"tool\": \"echo\"}]");
        Cli.Result r = Cli.run("call-many", config().toString(), calls.toString(), "--fail-fast",
                "--max-concurrency", "1");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("call #0").contains("refuse");
    }

    @Test
    void aMalformedCallsFileIsAUsageError() {
        Path calls = calls("[{\"tool\": \"echo\", \"args\": {}}]");
        Cli.Result r = Cli.run("call-many", config().toString(), calls.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("[0] has an unknown key \"args\"");
    }
}
