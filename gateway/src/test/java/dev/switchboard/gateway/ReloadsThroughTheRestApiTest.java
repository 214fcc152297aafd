package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.Switchboard;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.GatewaySettings;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/v1/reload} reads the configuration file again and answers with what changed: an added server
 * connects, a removed one closes, a changed one reconnects, an untouched one stays; an invalid file changes nothing
 * and is answered 422 with every problem.
 */
class ReloadsThroughTheRestApiTest {
    private static final Scenario ONE = scenario("one");
    private static final Scenario TWO = scenario("two");
    private static final Scenario THREE = scenario("three");

    @Test
    void aReloadAnswersWithWhatChanged(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("switchboard.json");
        write(file, Map.of("one", server(ONE, 100), "two", server(TWO, 100)));
        try (Switchboard sb = Switchboard.builder(ConfigLoader.create().load(file)).configFile(file).start();
                Gateway gateway = Gateway.start(sb, GatewaySettings.builder().port(0).build())) {
            RestClient rest = new RestClient(gateway.url());

            write(file, Map.of("one", server(ONE, 50), "three", server(THREE, 100)));
            RestClient.Answer a = rest.post("/api/v1/reload", "");

            assertThat(a.status()).as(a.body()).isEqualTo(200);
            assertThat(names(a.json(), "added")).containsExactly("three");
            assertThat(names(a.json(), "removed")).containsExactly("two");
            assertThat(names(a.json(), "changed")).containsExactly("one");
            assertThat(names(a.json(), "unchanged")).isEmpty();
            assertThat(RestClient.each(rest.get("/api/v1/servers").json().path("servers"), "name"))
                    .containsExactly("one", "three");
            assertThat(rest.get("/api/v1/servers/one").json().path("priority").asInt()).isEqualTo(50);
            assertThat(rest.post("/api/v1/call", "{\"tool\": \"three__echo\"}").status()).isEqualTo(200);

            RestClient.Answer same = rest.post("/api/v1/reload", "");
            assertThat(names(same.json(), "unchanged")).containsExactly("one", "three");
        }
    }

    @Test
    void anInvalidFileIs422WithEveryProblemAndChangesNothing(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("switchboard.json");
        write(file, Map.of("one", server(ONE, 100)));
        try (Switchboard sb = Switchboard.builder(ConfigLoader.create().load(file)).configFile(file).start();
                Gateway gateway = Gateway.start(sb, GatewaySettings.builder().port(0).build())) {
            RestClient rest = new RestClient(gateway.url());

            write(file, Map.of("one", server(ONE, 0), "two", server(TWO, 1000)));
            RestClient.Answer a = rest.post("/api/v1/reload", "");

            assertThat(a.status()).as(a.body()).isEqualTo(422);
            assertThat(a.json().path("code").asText()).isEqualTo("CONFIG_INVALID");
            assertThat(RestClient.each(a.json().path("problems"), "path")).contains("servers.one.priority",
                    "servers.two.priority");
            assertThat(RestClient.each(rest.get("/api/v1/servers").json().path("servers"), "name"))
                    .containsExactly("one");
        }
    }

    private static Scenario scenario(String name) {
        return FakeMcpServer.builder().name(name).tool(FakeTool.echo("echo")).build();
    }

    private static Map<String, Object> server(Scenario scenario, int priority) {
        List<String> command = FakeMcpServer.stdioCommand(scenario);
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("command", command.get(0));
        server.put("args", command.subList(1, command.size()));
        server.put("shutdown_grace", "500ms");
        server.put("priority", priority);
        return server;
    }

    /** Writes the file as JSON (which the YAML reader reads too), replacing it at once. */
    private static void write(Path file, Map<String, Object> servers) throws IOException {
        Map<String, Object> sorted = new TreeMap<>(servers);
        Path temp = Files.createTempFile(file.getParent(), "next", ".tmp");
        Files.writeString(temp, RestClient.JSON.writeValueAsString(Map.of("servers", sorted)));
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static List<String> names(JsonNode result, String field) {
        List<String> out = new ArrayList<>();
        result.path(field).forEach(n -> out.add(n.asText()));
        return out;
    }
}
