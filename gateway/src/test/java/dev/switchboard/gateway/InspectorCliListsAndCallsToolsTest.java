package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.config.GatewaySettings;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.ReferenceServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MCP Inspector's CLI mode ({@code @modelcontextprotocol/inspector}, pinned in testing/reference-servers, on the
 * pinned Node 22), a client built on the SDK's next major version, lists the gateway's tools across pages and calls
 * one with arguments.
 */
class InspectorCliListsAndCallsToolsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Fixture fixture;

    @TempDir
    Path home;

    @BeforeAll
    static void start() {
        fixture = Fixture.start(List.of(Fixture.stdio("alpha", FakeMcpServer.builder().name("alpha")
                        .tool(FakeTool.echo("echo"), FakeTool.text("hello", "hi"), FakeTool.error("broken", "no"))
                        .build())),
                GatewaySettings.builder().port(0).pageSize(2).build());
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void listsEveryToolAcrossPages() throws Exception {
        JsonNode listed = inspector("--method", "tools/list");

        List<String> names = new ArrayList<>();
        listed.get("tools").forEach(t -> names.add(t.path("name").asText()));
        assertThat(names).containsExactly("alpha__broken", "alpha__echo", "alpha__hello");
    }

    @Test
    void callsAToolWithItsArguments() throws Exception {
        JsonNode result = inspector("--method", "tools/call", "--tool-name", "alpha__echo", "--tool-arg",
                "city=Zürich", "n=3");

        assertThat(result.path("isError").asBoolean()).isFalse();
        assertThat(JSON.readTree(result.at("/content/0/text").asText()))
                .isEqualTo(JSON.readTree("{\"city\":\"Zürich\",\"n\":3}"));
    }

    /** Runs {@code inspector --cli <gateway> --transport http <args>}, which prints one JSON document. */
    private JsonNode inspector(String... args) throws Exception {
        Path modules = ReferenceServer.nodeModules();
        List<String> command = new ArrayList<>(List.of(NodeScript.node().toString(),
                modules.resolve("@modelcontextprotocol/inspector/clients/launcher/build/index.js").toString(),
                "--cli", fixture.url().toString(), "--transport", "http"));
        command.addAll(List.of(args));
        Path out = home.resolve("out.json");
        Path err = home.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("HOME", home.toString()); // the Inspector keeps a catalog and storage there
        Process p = pb.start();
        boolean ended = p.waitFor(30, TimeUnit.SECONDS);
        if (!ended) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String report = "\ncommand: " + command + "\nstdout:\n" + stdout + "\nstderr:\n"
                + Files.readString(err, StandardCharsets.UTF_8);
        assertThat(ended).as("the Inspector ended%s", report).isTrue();
        assertThat(p.exitValue()).as("the Inspector's exit code%s", report).isZero();
        return JSON.readTree(stdout);
    }
}
