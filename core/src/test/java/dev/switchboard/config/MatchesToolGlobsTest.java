package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tool filters: {@code *} and {@code ?} globs over the whole name; exclude wins over include. */
class MatchesToolGlobsTest {

    @Test
    void globsMatchTheWholeName() {
        assertThat(ToolFilter.matches("get_*", "get_user")).isTrue();
        assertThat(ToolFilter.matches("get_*", "get_")).isTrue();
        assertThat(ToolFilter.matches("get_*", "forget_user")).isFalse();
        assertThat(ToolFilter.matches("*_user", "get_user")).isTrue();
        assertThat(ToolFilter.matches("*user*", "list_users_all")).isTrue();
        assertThat(ToolFilter.matches("get_?", "get_a")).isTrue();
        assertThat(ToolFilter.matches("get_?", "get_ab")).isFalse();
        assertThat(ToolFilter.matches("a*b*c", "axxbyyc")).isTrue();
        assertThat(ToolFilter.matches("a*b*c", "axxbyy")).isFalse();
        assertThat(ToolFilter.matches("exact", "exact")).isTrue();
        assertThat(ToolFilter.matches("exact", "Exact")).as("case-sensitive").isFalse();
        assertThat(ToolFilter.matches("*", "")).isTrue();
        assertThat(ToolFilter.matches("fs.read", "fs.read")).as("no regex meaning").isTrue();
        assertThat(ToolFilter.matches("fs.read", "fsxread")).isFalse();
    }

    @Test
    void excludeWinsAndEmptyIncludeMeansEverything() {
        var filter = new ToolFilter(List.of(), List.of("delete_*", "drop"));
        assertThat(filter.allows("read")).isTrue();
        assertThat(filter.allows("delete_all")).isFalse();
        var both = new ToolFilter(List.of("get_*"), List.of("get_secret"));
        assertThat(both.allows("get_user")).isTrue();
        assertThat(both.allows("get_secret")).isFalse();
        assertThat(both.allows("put_user")).isFalse();
        assertThat(ToolFilter.ALL.allows("anything")).isTrue();
    }
}
