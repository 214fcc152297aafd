package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.CatalogEntry;
import dev.switchboard.config.GatewaySettings;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The official TypeScript SDK client lists the tools of three servers two at a time, following {@code nextCursor}
 * until there is none, and sees every tool of the catalog exactly once.
 */
class TypeScriptClientListsEveryPageTest {

    @Test
    void followingNextCursorListsEveryToolOnce() throws Exception {
        try (Fixture fixture = Fixture.start(List.of(
                Fixture.stdio("alpha", FakeMcpServer.builder().name("alpha").tool(tools("a", 3)).build()),
                Fixture.stdio("beta", FakeMcpServer.builder().name("beta").tool(tools("b", 4)).build()),
                Fixture.stdio("gamma", FakeMcpServer.builder().name("gamma").tool(tools("c", 5)).build())),
                GatewaySettings.builder().port(0).pageSize(2).names(GatewaySettings.Names.QUALIFIED).build())) {
            List<String> catalog = fixture.switchboard.catalog().stream().map(CatalogEntry::qualifiedName).sorted()
                    .toList();

            List<JsonNode> lines = NodeScript.run("list-pages.mjs", fixture.url());

            List<JsonNode> pages = lines.stream().filter(l -> l.has("page")).toList();
            List<String> listed = new ArrayList<>();
            NodeScript.with(lines, "listed").forEach(n -> listed.add(n.asText()));
            assertThat(catalog).hasSize(12);
            assertThat(listed).as("every tool once, in the gateway's order").doesNotHaveDuplicates()
                    .containsExactlyElementsOf(catalog);
            assertThat(pages).as("12 tools, 2 a page").hasSize(6);
            assertThat(pages).allSatisfy(p -> assertThat(p.get("tools")).hasSize(2));
            assertThat(pages.subList(0, 5)).allSatisfy(p -> assertThat(p.get("nextCursor").isTextual()).isTrue());
            assertThat(pages.get(5).get("nextCursor").isNull()).as("the last page has no nextCursor").isTrue();
            assertThat(NodeScript.reported(lines)).isEmpty();
        }
    }

    private static FakeTool[] tools(String prefix, int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> FakeTool.text(prefix + i, prefix + i))
                .toArray(FakeTool[]::new);
    }
}
