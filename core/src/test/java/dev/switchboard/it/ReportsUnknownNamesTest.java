package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.ErrorCode;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardException;
import dev.switchboard.config.StdioServer;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A mistyped server or tool name gets an error that lists what exists; an alias works like the name. */
class ReportsUnknownNamesTest {
    private static Switchboard sb;

    @BeforeAll
    static void start() {
        var scenario = FakeMcpServer.builder().name("inventory")
                .tool(FakeTool.echo("list_items"), FakeTool.echo("get_item")).build();
        StdioServer server = Stdio.server("inventory", FakeMcpServer.stdioCommand(scenario));
        server = server.withOptions(server.options().toBuilder().priority(10).aliases(List.of("stock")).build());
        sb = Switchboard.start(SwitchboardConfig.of(List.of(server)));
    }

    @AfterAll
    static void stop() {
        sb.close();
    }

    @Test
    void anUnknownServerListsTheKnownOnesAndSuggestsTheClosest() {
        assertThatThrownBy(() -> sb.call("inventroy", "list_items", Map.of()))
                .isInstanceOfSatisfying(SwitchboardException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_SERVER);
                    assertThat(e.getMessage()).contains("'inventroy'", "did you mean inventory?", "known: inventory");
                });
    }

    @Test
    void anUnknownToolSuggestsTheClosestTool() {
        assertThatThrownBy(() -> sb.call("inventory", "list_item", Map.of()))
                .isInstanceOfSatisfying(SwitchboardException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_TOOL);
                    assertThat(e.tool()).contains("list_item");
                    assertThat(e.getMessage()).contains("did you mean list_items");
                });
    }

    @Test
    void anAliasReachesTheServer() {
        assertThat(sb.call("stock", "get_item", Map.of("id", "42")).server()).isEqualTo("inventory");
    }

    @Test
    void aMisspeltToolNameSuggestsQualifiedAndBareNames() {
        assertThatThrownBy(() -> sb.callTool("list_item", Map.of()))
                .isInstanceOfSatisfying(SwitchboardException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_TOOL);
                    assertThat(e.getMessage()).contains("no server offers a tool named 'list_item'",
                            "did you mean", "list_items");
                });
        assertThatThrownBy(() -> sb.callTool("stock__get_iten", Map.of()))
                .isInstanceOfSatisfying(SwitchboardException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_TOOL);
                    assertThat(e.server()).contains("inventory");
                    assertThat(e.getMessage()).contains("did you mean get_item");
                });
    }

    @Test
    void aQualifiedNameWithAnUnknownServerListsTheKnownServers() {
        assertThatThrownBy(() -> sb.callTool("warehouse__get_item", Map.of()))
                .isInstanceOfSatisfying(SwitchboardException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_SERVER);
                    assertThat(e.getMessage()).contains("no server is named 'warehouse'", "known servers: inventory");
                });
    }

    @Test
    void anAliasQualifiesToolNamesToo() {
        assertThat(sb.resolveTool("stock__list_items").qualifiedName()).isEqualTo("inventory__list_items");
        assertThat(sb.callTool("stock__get_item", Map.of("id", "7")).server()).isEqualTo("inventory");
    }
}
