package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.CatalogEntry;
import dev.switchboard.ErrorCode;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardException;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.ServerOptions;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.config.ToolFilter;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A server's {@code tools:} filter decides which of its tools exist for Switchboard: a hidden tool is not in the
 * catalog or the server's tool list, and calling it, by any name, is UNKNOWN_TOOL and never reaches the server.
 */
class FiltersToolsPerServerTest {
    private static RunningFakeServer fs;
    private static Switchboard sb;

    @BeforeAll
    static void start() {
        fs = FakeMcpServer.builder().name("files").tool(FakeTool.echo("read_file"), FakeTool.echo("read_secret"),
                FakeTool.echo("write_file"), FakeTool.echo("list_dir")).startHttp();
        var filter = new ToolFilter(List.of("read_*", "list_*"), List.of("*_secret"));
        var server = HttpServer.builder("fs", URI.create(fs.url()))
                .options(ServerOptions.builder().tools(filter).build()).build();
        sb = Switchboard.start(SwitchboardConfig.of(List.of(server)));
    }

    @AfterAll
    static void stop() {
        sb.close();
        fs.close();
    }

    @Test
    void onlyTheToolsTheFilterLetsThroughAreListed() {
        assertThat(sb.catalog()).extracting(CatalogEntry::qualifiedName).containsExactly("fs__read_file",
                "fs__list_dir");
        assertThat(sb.tools("fs")).extracting(t -> t.name()).containsExactly("read_file", "list_dir");
    }

    @Test
    void aHiddenToolCannotBeCalledByAnyName() {
        for (Runnable call : List.<Runnable>of(
                () -> sb.call("fs", "write_file", Map.of()),
                () -> sb.callTool("fs__read_secret", Map.of()),
                () -> sb.callTool("write_file", Map.of()))) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(SwitchboardException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_TOOL);
                assertThat(e.getMessage()).contains("the configuration hides it");
            });
        }
        assertThat(fs.receivedCalls()).extracting(RunningFakeServer.Call::tool)
                .doesNotContain("write_file", "read_secret");
    }

    @Test
    void aToolTheFilterLetsThroughWorks() {
        assertThat(sb.callTool("read_file", Map.of("path", "/a")).text()).contains("/a");
    }
}
