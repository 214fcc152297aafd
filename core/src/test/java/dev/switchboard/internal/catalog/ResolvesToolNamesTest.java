package dev.switchboard.internal.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.CatalogEntry;
import dev.switchboard.config.ToolFilter;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How names resolve in one catalog snapshot: qualified, bare by priority, aliases, filters, availability. */
class ResolvesToolNamesTest {

    static ServerTools server(String name, int priority, int order, boolean up, String... tools) {
        return new ServerTools(name, List.of(), priority, order, up, ToolFilter.ALL,
                Arrays.stream(tools).map(t -> McpSchema.Tool.builder(t).build()).toList());
    }

    @Test
    void entriesAreInPriorityThenConfigurationOrderWithQualifiedNames() {
        var s = CatalogSnapshot.of(List.of(server("b", 50, 0, true, "y"), server("a", 10, 1, true, "x"),
                server("c", 50, 2, true, "z")), "__");
        assertThat(s.entries()).extracting(CatalogEntry::qualifiedName).containsExactly("a__x", "b__y", "c__z");
    }

    @Test
    void aBareNameGoesToTheLowestPriorityNumber() {
        var s = CatalogSnapshot.of(List.of(server("low", 20, 0, true, "echo"), server("high", 10, 1, true,
                "echo")), "__");
        CatalogEntry e = s.find("echo").orElseThrow();
        assertThat(e.server()).isEqualTo("high");
        assertThat(e.alsoOfferedBy()).containsExactly("low");
        assertThat(s.find("low__echo").orElseThrow().bareNameServer()).isEqualTo("high");
        assertThat(s.conflicts()).containsExactly(new CatalogSnapshot.Conflict("echo", "high", List.of("low")));
    }

    @Test
    void equalPrioritiesGoByConfigurationOrder() {
        var s = CatalogSnapshot.of(List.of(server("first", 10, 0, true, "echo"), server("second", 10, 1, true,
                "echo"), server("third", 10, 2, true, "echo")), "__");
        assertThat(s.find("echo").orElseThrow().server()).isEqualTo("first");
        assertThat(s.find("echo").orElseThrow().alsoOfferedBy()).containsExactly("second", "third");
    }

    @Test
    void aBareNamePrefersAServerThatIsUp() {
        var s = CatalogSnapshot.of(List.of(server("main", 10, 0, false, "echo"), server("spare", 20, 1, true,
                "echo")), "__");
        assertThat(s.find("echo").orElseThrow().server()).isEqualTo("spare");
        CatalogEntry down = s.find("main__echo").orElseThrow();
        assertThat(down.available()).isFalse();
        assertThat(down.alsoOfferedBy()).containsExactly("spare");
    }

    @Test
    void anAliasWorksWhereverTheServerNameDoes() {
        var aliased = new ServerTools("warehouse", List.of("wh", "db"), 10, 0, true, ToolFilter.ALL,
                List.of(McpSchema.Tool.builder("query").build()));
        var s = CatalogSnapshot.of(List.of(aliased), "__");
        assertThat(s.find("wh__query").orElseThrow().qualifiedName()).isEqualTo("warehouse__query");
        assertThat(s.find("db__query")).isPresent();
        assertThat(s.find("nope__query")).isEmpty();
    }

    @Test
    void aQualifiedNameMayUseTheToolsNameAsListedEvenWhenItWasSanitised() {
        var s = CatalogSnapshot.of(List.of(server("git", 10, 0, true, "log.show")), "__");
        CatalogEntry e = s.find("git__log.show").orElseThrow();
        assertThat(e.qualifiedName()).matches("git__log_show-[0-9a-f]{6}");
        assertThat(s.find(e.qualifiedName())).contains(e);
    }

    @Test
    void aFilterHidesToolsFromTheCatalogAndFromResolution() {
        var filtered = new ServerTools("fs", List.of(), 10, 0, true,
                new ToolFilter(List.of("read_*", "list_*"), List.of("*_secret")),
                List.of(McpSchema.Tool.builder("read_file").build(), McpSchema.Tool.builder("read_secret").build(),
                        McpSchema.Tool.builder("write_file").build(), McpSchema.Tool.builder("list_dir").build()));
        var s = CatalogSnapshot.of(List.of(filtered), "__");
        assertThat(s.entries()).extracting(CatalogEntry::tool).containsExactly("read_file", "list_dir");
        assertThat(s.find("write_file")).isEmpty();
        assertThat(s.isHidden("fs", "read_secret")).isTrue();
        assertThat(s.hidingServers("write_file")).containsExactly("fs");
    }

    @Test
    void anotherSeparatorJoinsNames() {
        var s = CatalogSnapshot.of(List.of(server("gh", 10, 0, true, "search")), "-");
        assertThat(s.entries()).extracting(CatalogEntry::qualifiedName).containsExactly("gh-search");
        assertThat(s.find("gh-search")).isPresent();
    }

    @Test
    void theLongestServerNameWinsWhenNamesShareAPrefix() {
        var s = CatalogSnapshot.of(List.of(server("a", 10, 0, true, "b__c"), server("a__b", 20, 1, true, "c")),
                "__");
        assertThat(s.splitServer("a__b__c").orElseThrow().server()).isEqualTo("a__b");
        assertThat(s.entries()).extracting(CatalogEntry::qualifiedName).doesNotHaveDuplicates();
    }
}
