package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListsToolsTest {
    @TempDir
    Path dir;

    private Path config() {
        Map<String, Object> servers = new LinkedHashMap<>();
        servers.put("alpha", Configs.requiredStdio(Configs.alpha()));
        servers.put("broken", Configs.missingCommand(false));
        return Configs.write(dir, servers);
    }

    @Test
    void listsEveryToolWithTheFirstLineOfItsDescriptionAndNotesFailedServersOnStderr() {
        Cli.Result r = Cli.run("tools", config().toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out().lines()).first().asString().matches("NAME +SERVER +STATUS +DESCRIPTION");
        assertThat(r.out()).containsPattern("alpha__echo +alpha +available +Echoes its arguments\\.\n")
                .containsPattern("alpha__refuse +alpha ").containsPattern("alpha__env +alpha ")
                .doesNotContain("Second line", "broken");
        assertThat(r.err()).contains("note: server 'broken' is FAILED (PROCESS_START_FAILED: ")
                .contains("its tools are not listed");
    }

    @Test
    void jsonListsFullToolsWithTheirServer() throws Exception {
        Cli.Result r = Cli.run("tools", config().toString(), "--json");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode doc = new ObjectMapper().readTree(r.out());
        JsonNode env = doc.get("tools").get(2);
        assertThat(env.get("server").asText()).isEqualTo("alpha");
        assertThat(env.get("qualifiedName").asText()).isEqualTo("alpha__env");
        assertThat(env.get("available").asBoolean()).isTrue();
        assertThat(env.get("bareNameServer").asText()).isEqualTo("alpha");
        assertThat(env.get("name").asText()).isEqualTo("env");
        assertThat(env.get("inputSchema").get("required").get(0).asText()).isEqualTo("name");
        assertThat(env.has("annotations")).isTrue();
        assertThat(doc.get("tools").get(0).get("description").asText()).contains("Second line");
        assertThat(doc.get("unavailable").get(0).get("name").asText()).isEqualTo("broken");
        assertThat(doc.get("unavailable").get(0).get("error").get("code").asText())
                .isEqualTo("PROCESS_START_FAILED");
    }

    @Test
    void requiredServerMissingMakesTheListIncompleteAndExits1() {
        Cli.Result r = Cli.run("tools", config().toString(), "--set", "servers.broken.required=true");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).containsPattern("alpha__echo +alpha");
    }
}
