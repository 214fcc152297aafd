package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Per-server {@code tools:} filters and the catalog's {@code orchestration} settings, read and checked. */
class ReadsToolFiltersAndNamingSettingsTest {

    @Test
    void readsFiltersSeparatorAndValidation() {
        SwitchboardConfig c = Configs.yaml("""
                orchestration: {name_separator: "-", validate_arguments: false}
                defaults:
                  tools: {exclude: ["delete_*"]}
                servers:
                  fs: {command: x, tools: {include: ["read_*", list_dir]}}
                  db: {command: y}
                """);
        assertThat(c.orchestration().nameSeparator()).isEqualTo("-");
        assertThat(c.orchestration().validateArguments()).isFalse();
        assertThat(c.server("fs").orElseThrow().options().tools())
                .isEqualTo(new ToolFilter(List.of("read_*", "list_dir"), List.of()));
        assertThat(c.server("db").orElseThrow().options().tools().exclude()).containsExactly("delete_*");
    }

    @Test
    void defaultsOfferEveryToolWithDoubleUnderscoreAndValidationOn() {
        SwitchboardConfig c = Configs.yaml("servers: {a: {command: x}}");
        assertThat(c.orchestration().nameSeparator()).isEqualTo("__");
        assertThat(c.orchestration().validateArguments()).isTrue();
        assertThat(c.server("a").orElseThrow().options().tools().allowsAll()).isTrue();
    }

    @Test
    void theMcpServersFormatTakesFiltersToo() {
        SwitchboardConfig c = Configs.json("""
                {"mcpServers": {"a": {"command": "x", "tools": {"exclude": ["rm"]}}}}
                """, Map.of());
        assertThat(c.server("a").orElseThrow().options().tools().allows("rm")).isFalse();
    }

    @Test
    void rejectsUnusableSeparatorsAndGlobs() {
        assertThat(Configs.problems("""
                orchestration: {name_separator: "::", validate_arguments: maybe}
                servers:
                  a: {command: x, tools: {include: [""], exclude: delete_*, only: [x]}}
                """)).containsExactlyInAnyOrder(
                "orchestration.name_separator: \"::\" cannot join names (expected: 1 to 3 letters, digits, _ or -,"
                        + " like __; qualified tool names allow only these characters)",
                "orchestration.validate_arguments: \"maybe\" is not a boolean (expected: true or false)",
                "servers.a.tools.only: unknown key (expected one of: include, exclude)",
                "servers.a.tools.include[0]: is blank (expected: a tool name or a glob with * and ?, e.g."
                        + " [get_*, search])",
                "servers.a.tools.exclude: is a string (expected: a list, e.g. [delete_*])");
    }

    @Test
    void theRecordsCheckThemselvesToo() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Orchestration.builder().nameSeparator("a.b").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name_separator");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ToolFilter(List.of(" "), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank glob");
    }
}
