package dev.switchboard.langchain4j;

import static dev.switchboard.langchain4j.Tools.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.Switchboard;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The builder's filters choose which tools the model sees: by server, by tool, by predicate; they combine. */
class FiltersToolsByServerAndNameTest {
    private static RunningFakeServer alpha;
    private static RunningFakeServer beta;
    private static RunningFakeServer gamma;
    private static Switchboard sb;

    @BeforeAll
    static void start() {
        alpha = FakeMcpServer.startHttp(FakeMcpServer.builder().name("alpha")
                .tool(FakeTool.text("search", "a"), FakeTool.text("delete_all", "gone")).build());
        beta = FakeMcpServer.startHttp(FakeMcpServer.builder().name("beta")
                .tool(FakeTool.text("search", "b"), FakeTool.text("stats", "s")).build());
        gamma = FakeMcpServer.startHttp(FakeMcpServer.builder().name("gamma")
                .tool(FakeTool.text("ping", "pong").readOnly()).build());
        sb = Servers.start(Servers.http("alpha", alpha), Servers.http("beta", beta), Servers.http("gamma", gamma));
    }

    @AfterAll
    static void stop() {
        sb.close();
        alpha.close();
        beta.close();
        gamma.close();
    }

    @Test
    void withoutFiltersEveryToolIsOfferedUnderItsCatalogName() {
        assertThat(names(SwitchboardToolProvider.of(sb))).containsExactlyInAnyOrder("alpha__search",
                "alpha__delete_all", "beta__search", "beta__stats", "gamma__ping");
    }

    @Test
    void byServerGlobs() {
        assertThat(names(SwitchboardToolProvider.builder(sb).servers("alpha", "gam*").build()))
                .containsExactlyInAnyOrder("alpha__search", "alpha__delete_all", "gamma__ping");
        assertThat(names(SwitchboardToolProvider.builder(sb).excludeServers("?lpha", "gamma").build()))
                .containsExactlyInAnyOrder("beta__search", "beta__stats");
    }

    @Test
    void byToolGlobsOverOwnOrCatalogNames() {
        assertThat(names(SwitchboardToolProvider.builder(sb).tools("search").build()))
                .containsExactlyInAnyOrder("alpha__search", "beta__search");
        assertThat(names(SwitchboardToolProvider.builder(sb).tools("beta__*").build()))
                .containsExactlyInAnyOrder("beta__search", "beta__stats");
        assertThat(names(SwitchboardToolProvider.builder(sb).excludeTools("delete_*", "beta__stats").build()))
                .containsExactlyInAnyOrder("alpha__search", "beta__search", "gamma__ping");
    }

    @Test
    void byPredicateAndEverythingCombined() {
        var readOnly = SwitchboardToolProvider.builder(sb).filter(e -> e.definition().annotations() != null
                && Boolean.TRUE.equals(e.definition().annotations().readOnlyHint())).build();
        assertThat(names(readOnly)).containsExactly("gamma__ping");

        var combined = SwitchboardToolProvider.builder(sb).servers("alpha", "beta").excludeTools("delete_*")
                .filter(e -> !e.tool().equals("stats")).build();
        assertThat(names(combined)).containsExactlyInAnyOrder("alpha__search", "beta__search");
    }

    @Test
    void badOptionsSayWhatWasExpected() {
        var builder = SwitchboardToolProvider.builder(sb);
        assertThatThrownBy(() -> builder.tools("search", " ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tools: [search,  ] has a blank glob (expected: a name or a glob like github or search_*)");
        assertThatThrownBy(() -> builder.servers()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("servers: no glob (expected: at least one name or glob like github or search_*)");
        assertThatThrownBy(() -> builder.timeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeout: PT0S (expected: > 0, e.g. 30s)");
    }
}
