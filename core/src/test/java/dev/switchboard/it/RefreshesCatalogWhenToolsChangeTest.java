package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.switchboard.CatalogEntry;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardException;
import dev.switchboard.config.SwitchboardConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog follows the server: every page of its tool list is read at connect, again after
 * {@code notifications/tools/list_changed}, and again when a restarted server comes back with other tools.
 */
class RefreshesCatalogWhenToolsChangeTest {
    private static final List<String> FIRST_START = List.of("tool_1", "tool_2", "tool_3", "tool_4", "tool_5",
            "gen_1", "add_tool", "crash");

    @TempDir
    Path dir;

    private Switchboard start() {
        var server = Stdio.server("paging", PagingToolServer.command(dir.resolve("starts")));
        return Switchboard.builder(SwitchboardConfig.of(List.of(server))).sleeper(new RecordingSleeper(5)).start();
    }

    private static List<String> tools(Switchboard sb) {
        return sb.catalog().stream().filter(CatalogEntry::available).map(CatalogEntry::tool).toList();
    }

    @Test
    void everyPageIsListedAtConnect() {
        try (var sb = start()) {
            assertThat(tools(sb)).containsExactlyElementsOf(FIRST_START);
        }
    }

    @Test
    void aToolListChangedNotificationRefreshesEveryPage() {
        try (var sb = start()) {
            sb.callTool("add_tool", Map.of());
            await().atMost(Duration.ofSeconds(30)).until(() -> tools(sb).contains("extra_1"));
            sb.callTool("add_tool", Map.of());
            await().atMost(Duration.ofSeconds(30)).until(() -> tools(sb).contains("extra_2"));
            assertThat(tools(sb)).as("9 and 10 tools: the new ones are on the fifth page")
                    .containsExactlyElementsOf(concat(FIRST_START, List.of("extra_1", "extra_2")));
            assertThat(sb.callTool("extra_2", Map.of()).text()).isEqualTo("ok extra_2");
        }
    }

    @Test
    void aReconnectedServerBringsItsNewToolList() throws Exception {
        try (var sb = start()) {
            assertThatThrownBy(() -> sb.callTool("crash", Map.of())).isInstanceOf(SwitchboardException.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> tools(sb).contains("gen_2"));
            assertThat(tools(sb)).doesNotContain("gen_1");
            assertThat(Files.readString(dir.resolve("starts"))).isEqualTo("2");
            assertThatThrownBy(() -> sb.callTool("gen_1", Map.of())).isInstanceOf(SwitchboardException.class);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
