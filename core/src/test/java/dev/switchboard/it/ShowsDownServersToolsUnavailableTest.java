package dev.switchboard.it;

import dev.switchboard.CallOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import org.junit.jupiter.api.io.TempDir;
import static dev.switchboard.it.Ranked.ranked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.switchboard.CatalogEntry;
import dev.switchboard.ErrorCode;
import dev.switchboard.ServerState;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardException;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * While a server is down its last known tools stay in the catalog marked unavailable (not silently advertised, not
 * silently gone); a bare name shared with a server that is up goes there meanwhile; after the reconnect the tools
 * are available again.
 */
class ShowsDownServersToolsUnavailableTest {

    @Test
    void toolsOfACrashedServerAreUnavailableUntilItReconnects(@TempDir Path dir) throws Exception {
        var main = FakeMcpServer.builder().name("main").tool(FakeTool.text("lookup", "from main"),
                FakeTool.exit("crash", 3)).build();
        var spare = FakeMcpServer.builder().name("spare").tool(FakeTool.text("lookup", "from spare")).build();
        var sleeper = new GatedSleeper();
        // The crashed server is restarted at once; while the file "down" exists, it cannot start again.
        Path down = dir.resolve("down");
        List<String> command = new ArrayList<>(List.of("bash", "-c", "[ -e \"$1\" ] && exit 1; shift; exec \"$@\"",
                "main", down.toString()));
        command.addAll(FakeMcpServer.stdioCommand(main));
        var config = SwitchboardConfig.of(List.of(ranked(Stdio.server("main", command), 10),
                ranked(Stdio.server("spare", FakeMcpServer.stdioCommand(spare)), 20)));
        try (var sb = Switchboard.builder(config).sleeper(sleeper).start()) {
            assertThat(entry(sb, "main__lookup").available()).isTrue();
            assertThat(sb.callTool("lookup", Map.of()).text()).isEqualTo("from main");

            Files.createFile(down);
            assertThatThrownBy(() -> sb.call("main", "crash", Map.of())).isInstanceOf(SwitchboardException.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> sb.status("main").state() == ServerState.RETRYING);

            assertThat(sb.catalog()).filteredOn(e -> e.server().equals("main"))
                    .extracting(CatalogEntry::tool, CatalogEntry::available)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("lookup", false),
                            org.assertj.core.groups.Tuple.tuple("crash", false));
            assertThat(sb.resolveTool("lookup").server()).isEqualTo("spare");
            assertThat(sb.callTool("lookup", Map.of()).text()).isEqualTo("from spare");
            assertThatThrownBy(() -> sb.callTool("main__lookup", Map.of(), CallOptions.DEFAULT.withWaitForReady(false)))
                    .isInstanceOfSatisfying(SwitchboardException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVER_UNAVAILABLE));

            Files.delete(down);
            sleeper.open();
            await().atMost(Duration.ofSeconds(30)).until(() -> sb.status("main").ready());
            assertThat(entry(sb, "main__lookup").available()).isTrue();
            assertThat(sb.callTool("lookup", Map.of()).text()).isEqualTo("from main");
        }
    }

    private static CatalogEntry entry(Switchboard sb, String name) {
        return sb.catalog().stream().filter(e -> e.qualifiedName().equals(name)).findFirst().orElseThrow();
    }
}
