package dev.switchboard.internal.catalog;

import static dev.switchboard.internal.catalog.ResolvesToolNamesTest.server;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.ErrorCode;
import dev.switchboard.SwitchboardException;
import dev.switchboard.config.ToolFilter;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A name that resolves to nothing gets an error that says what exists nearby and what to do. */
class SuggestsNamesForUnknownToolsTest {
    private final CatalogSnapshot snapshot = CatalogSnapshot.of(List.of(
            server("github", 10, 0, true, "search_issues", "create_issue"),
            server("jira", 20, 1, true, "search_issues", "get_ticket"),
            new ServerTools("fs", List.of("files"), 30, 2, true, new ToolFilter(List.of(), List.of("delete_*")),
                    List.of(McpSchema.Tool.builder("read_file").build(), McpSchema.Tool.builder("delete_file")
                            .build())),
            server("later", 40, 3, false)), "__");

    private SwitchboardException unresolved(String name) {
        return CatalogErrors.unresolved(snapshot, name);
    }

    @Test
    void aMisspeltBareNameSuggestsTheClosestTools() {
        SwitchboardException e = unresolved("serch_issues");
        assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_TOOL);
        assertThat(e.getMessage()).contains("no server offers a tool named 'serch_issues'", "did you mean",
                "search_issues");
    }

    @Test
    void aMisspeltQualifiedNameSuggestsToolsOfThatServer() {
        SwitchboardException e = unresolved("github__create_isue");
        assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_TOOL);
        assertThat(e.server()).contains("github");
        assertThat(e.tool()).contains("create_isue");
        assertThat(e.getMessage()).contains("server 'github' has no tool 'create_isue'", "did you mean create_issue");
    }

    @Test
    void anUnknownServerListsTheKnownOnes() {
        SwitchboardException e = unresolved("gitlab__search_issues");
        assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_SERVER);
        assertThat(e.getMessage()).contains("no server is named 'gitlab'", "known servers: github, jira, fs, later");
    }

    @Test
    void aToolHiddenByAFilterSaysSoInsteadOfGuessing() {
        for (String name : List.of("delete_file", "fs__delete_file", "files__delete_file")) {
            SwitchboardException e = unresolved(name);
            assertThat(e.code()).as(name).isEqualTo(ErrorCode.UNKNOWN_TOOL);
            assertThat(e.getMessage()).as(name).contains("the configuration hides it", "servers.fs.tools");
        }
    }

    @Test
    void aToolOfAServerNeverConnectedIsUnavailableNotUnknown() {
        SwitchboardException e = unresolved("later__anything");
        assertThat(e.code()).isEqualTo(ErrorCode.SERVER_UNAVAILABLE);
        assertThat(e.getMessage()).contains("server 'later' has not been connected yet");
    }
}
