package dev.switchboard.it;

import static dev.switchboard.it.Ranked.ranked;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.switchboard.CatalogEntry;
import dev.switchboard.Switchboard;
import dev.switchboard.config.LogSettings;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.internal.catalog.Catalog;
import dev.switchboard.testing.ReferenceServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Two real server-everything instances offer the same tools. Every tool is listed under both qualified names; a
 * bare name goes to the higher priority (lower number) although that server comes second in the configuration;
 * the choice is logged once and shown in the catalog.
 */
class ResolvesCollidingToolsByPriorityTest {
    private static final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private static final Logger catalogLog = (Logger) LoggerFactory.getLogger(Catalog.class);
    private static Switchboard sb;

    @BeforeAll
    static void start() {
        events.start();
        catalogLog.addAppender(events);
        var config = SwitchboardConfig.builder().servers(List.of(
                ranked(Stdio.server("backup", ReferenceServer.everythingStdio()), 20, "bk"),
                ranked(Stdio.server("primary", ReferenceServer.everythingStdio()), 10, "main")))
                .logging(LogSettings.builder().level("INFO").build()).build(); // catalog.conflict is at INFO
        sb = Switchboard.start(config);
    }

    @AfterAll
    static void stop() {
        sb.close();
        catalogLog.detachAppender(events);
    }

    @Test
    void everyToolIsListedUnderBothQualifiedNamesHigherPriorityFirst() {
        List<CatalogEntry> catalog = sb.catalog();
        assertThat(catalog).extracting(CatalogEntry::qualifiedName).contains("primary__echo", "backup__echo",
                "primary__get-sum", "backup__get-sum").doesNotHaveDuplicates()
                .allMatch(n -> n.matches("^[a-zA-Z0-9_-]{1,64}$"));
        assertThat(catalog).allMatch(CatalogEntry::available);
        int lastPrimary = catalog.stream().map(CatalogEntry::server).toList().lastIndexOf("primary");
        int firstBackup = catalog.stream().map(CatalogEntry::server).toList().indexOf("backup");
        assertThat(lastPrimary).isLessThan(firstBackup);
    }

    @Test
    void aBareNameReachesTheHigherPriorityServer() {
        CatalogEntry echo = sb.resolveTool("echo");
        assertThat(echo.server()).isEqualTo("primary");
        assertThat(echo.alsoOfferedBy()).containsExactly("backup");
        assertThat(sb.callTool("echo", Map.of("message", "bare")).server()).isEqualTo("primary");
    }

    @Test
    void theCatalogShowsWhichServerWinsEachSharedName() {
        CatalogEntry loser = sb.catalog().stream().filter(e -> e.qualifiedName().equals("backup__echo"))
                .findFirst().orElseThrow();
        assertThat(loser.winsBareName()).isFalse();
        assertThat(loser.bareNameServer()).isEqualTo("primary");
        assertThat(loser.alsoOfferedBy()).containsExactly("primary");
    }

    @Test
    void qualifiedNamesAndAliasesReachEitherServer() {
        assertThat(sb.callTool("backup__echo", Map.of("message", "q")).server()).isEqualTo("backup");
        assertThat(sb.callTool("bk__echo", Map.of("message", "a")).server()).isEqualTo("backup");
        assertThat(sb.callTool("main__echo", Map.of("message", "a")).text()).contains("a");
        assertThat(sb.resolveTool("main__get-sum").qualifiedName()).isEqualTo("primary__get-sum");
    }

    @Test
    void eachConflictIsLoggedOnceWithWinnerAndLosers() {
        for (int i = 0; i < 5; i++) {
            sb.catalog();
        }
        List<ILoggingEvent> echo = events.list.stream().filter(e -> e.getMessage().equals("catalog.conflict"))
                .filter(e -> e.getKeyValuePairs().stream().anyMatch(kv -> kv.key.equals("tool")
                        && kv.value.equals("echo"))).toList();
        assertThat(echo).hasSize(1);
        assertThat(echo.get(0).getKeyValuePairs()).anyMatch(kv -> kv.key.equals("winner")
                && kv.value.equals("primary")).anyMatch(kv -> kv.key.equals("losers") && kv.value.equals("backup"));
    }
}
