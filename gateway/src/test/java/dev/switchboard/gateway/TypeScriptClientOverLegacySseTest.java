package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.CatalogEntry;
import dev.switchboard.config.GatewaySettings;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official TypeScript SDK client over the legacy HTTP+SSE transport ({@code SSEClientTransport} to the gateway's
 * {@code /sse}) lists every tool page by page, each exactly once, calls a tool with arguments that cross the gateway
 * intact, and gets a call's progress notifications in order before its result. The scripts are those of the
 * Streamable HTTP tests; connect() (lib.mjs) picks SSEClientTransport for the {@code /sse} URL, and a Streamable HTTP
 * client could not pass there (the gateway answers a POST to {@code /sse} with 405).
 */
class TypeScriptClientOverLegacySseTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Fixture fixture;

    @BeforeAll
    static void start() {
        List<FakeTool> alpha = new ArrayList<>(tools("a", 3));
        alpha.addAll(List.of(FakeTool.echo("echo"), FakeTool.error("broken", "disk full"),
                FakeTool.progress("steps", 5, Duration.ofMillis(30))));
        fixture = Fixture.start(List.of(
                Fixture.stdio("alpha", FakeMcpServer.builder().name("alpha").tool(alpha.toArray(FakeTool[]::new))
                        .build()),
                Fixture.stdio("beta", FakeMcpServer.builder().name("beta").tool(tools("b", 5)
                        .toArray(FakeTool[]::new)).build())),
                GatewaySettings.builder().port(0).pageSize(3).names(GatewaySettings.Names.QUALIFIED).build());
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void followingNextCursorListsEveryToolOnce() throws Exception {
        List<String> catalog = fixture.switchboard.catalog().stream().map(CatalogEntry::qualifiedName).sorted()
                .toList();

        List<JsonNode> lines = NodeScript.run("list-pages.mjs", fixture.gateway.sseUrl());

        List<JsonNode> pages = lines.stream().filter(l -> l.has("page")).toList();
        List<String> listed = new ArrayList<>();
        NodeScript.with(lines, "listed").forEach(n -> listed.add(n.asText()));
        assertThat(catalog).hasSize(11);
        assertThat(listed).as("every tool once, in the gateway's order").doesNotHaveDuplicates()
                .containsExactlyElementsOf(catalog);
        assertThat(pages).as("11 tools, 3 a page").hasSize(4);
        assertThat(pages.subList(0, 3)).allSatisfy(p -> {
            assertThat(p.get("tools")).hasSize(3);
            assertThat(p.get("nextCursor").isTextual()).isTrue();
        });
        assertThat(pages.get(3).get("tools")).hasSize(2);
        assertThat(pages.get(3).get("nextCursor").isNull()).as("the last page has no nextCursor").isTrue();
        assertThat(NodeScript.reported(lines)).isEmpty();
    }

    @Test
    void argumentsAndResultsArriveIntactAndAToolErrorIsAResult() throws Exception {
        List<JsonNode> lines = NodeScript.run("call-tools.mjs", fixture.gateway.sseUrl(), "alpha__echo",
                "alpha__broken");

        JsonNode echo = NodeScript.with(lines, "echo");
        assertThat(echo.path("isError").asBoolean()).isFalse();
        assertThat(JSON.readTree(echo.at("/content/0/text").asText())).as("the arguments as the server got them")
                .isEqualTo(NodeScript.with(lines, "sent"));
        JsonNode broken = NodeScript.with(lines, "broken");
        assertThat(broken.path("isError").asBoolean()).isTrue();
        assertThat(broken.at("/content/0/text").asText()).isEqualTo("disk full");
        JsonNode unknown = NodeScript.with(lines, "unknown");
        assertThat(unknown.path("code").asInt()).isEqualTo(-32602);
        assertThat(unknown.path("message").asText()).contains("Unknown tool: 'nobody__nothing'");
        assertThat(NodeScript.reported(lines)).isEmpty();
    }

    @Test
    void progressReachesOnprogressInOrderBeforeTheResult() throws Exception {
        List<JsonNode> lines = NodeScript.run("progress.mjs", fixture.gateway.sseUrl(), "alpha__steps");

        JsonNode progress = NodeScript.with(lines, "progress");
        assertThat(progress).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertThat(progress.get(i).path("progress").asInt()).isEqualTo(i + 1);
            assertThat(progress.get(i).path("total").asInt()).isEqualTo(5);
            assertThat(progress.get(i).path("message").asText()).isEqualTo("step " + (i + 1) + "/5");
        }
        assertThat(NodeScript.with(lines, "result").at("/content/0/text").asText()).isEqualTo("done after 5 steps");
        assertThat(NodeScript.reported(lines)).as("no progress for a token the client no longer waits for").isEmpty();
    }

    private static List<FakeTool> tools(String prefix, int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> FakeTool.text(prefix + i, prefix + i)).toList();
    }
}
