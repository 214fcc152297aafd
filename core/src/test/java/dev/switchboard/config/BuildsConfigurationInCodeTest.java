package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The configuration records are built in code with builders: they start from the documented defaults, a copy
 * changes only what it sets, and {@code build()} checks as the constructor does.
 */
class BuildsConfigurationInCodeTest {

    @Test
    void buildersStartFromTheDefaults() {
        assertThat(ServerOptions.builder().build()).isEqualTo(ServerOptions.DEFAULT);
        assertThat(Orchestration.builder().build()).isEqualTo(Orchestration.DEFAULT);
        assertThat(RetryPolicy.builder().build()).isEqualTo(RetryPolicy.DEFAULT);
        assertThat(CallPolicy.builder().build()).isEqualTo(CallPolicy.DEFAULT);
        assertThat(BreakerPolicy.builder().build()).isEqualTo(BreakerPolicy.DEFAULT);
        assertThat(HealthPolicy.builder().build()).isEqualTo(HealthPolicy.DEFAULT);
        assertThat(RestartPolicy.builder().build()).isEqualTo(RestartPolicy.DEFAULT);
        assertThat(ResourcePolicy.builder().build()).isEqualTo(ResourcePolicy.DEFAULT);
        assertThat(LogSettings.builder().build()).isEqualTo(LogSettings.DEFAULT);
        assertThat(SessionPolicy.builder().build()).isEqualTo(SessionPolicy.DEFAULT);
        assertThat(GatewaySettings.builder().build()).isEqualTo(GatewaySettings.DEFAULT);
        assertThat(StdioServer.builder("fs", "npx").build()).isEqualTo(StdioServer.of("fs", "npx", List.of()));
        assertThat(HttpServer.builder("api", URI.create("https://mcp.example.com/mcp")).build())
                .isEqualTo(HttpServer.of("api", URI.create("https://mcp.example.com/mcp")));
        assertThat(SwitchboardConfig.builder().build()).isEqualTo(SwitchboardConfig.of(List.of()));
    }

    @Test
    void aCopyChangesOnlyWhatItSets() {
        ServerOptions options = ServerOptions.builder().description("files").required(true).priority(7)
                .domains(List.of("docs")).capabilities(List.of("read")).aliases(List.of("fs"))
                .connectTimeout(Duration.ofSeconds(3)).requestTimeout(Duration.ofSeconds(4))
                .retry(RetryPolicy.builder().maxAttempts(2).build()).tools(new ToolFilter(List.of("read_*"), List.of()))
                .health(HealthPolicy.builder().probe(HealthPolicy.Probe.LIST_TOOLS).build())
                .restart(RestartPolicy.builder().maxRestarts(3).build())
                .calls(CallPolicy.builder().retryAttempts(1).build())
                .roots(List.of(new Root("file:///srv/project", "project")))
                .session(SessionPolicy.builder().mode(SessionPolicy.Mode.PER_CLIENT).maxSessions(5).build()).build();

        ServerOptions ranked = options.toBuilder().priority(20).build();

        assertThat(ranked.priority()).isEqualTo(20);
        assertThat(ranked.toBuilder().priority(7).build()).isEqualTo(options);
        assertThat(ranked.roots()).containsExactly(new Root("file:///srv/project", "project"));
        assertThat(ranked.session().maxSessions()).isEqualTo(5);
        assertThat(options.withEnabled(false).toBuilder().enabled(true).build()).isEqualTo(options);
    }

    @Test
    void aWholeConfigurationReadsAsItIsBuilt() {
        var github = StdioServer.builder("github", "npx")
                .args(List.of("-y", "@modelcontextprotocol/server-github"))
                .passEnv(List.of("GITHUB_TOKEN"))
                .options(ServerOptions.builder().priority(10).requestTimeout(Duration.ofSeconds(30)).build())
                .build();
        var crm = HttpServer.builder("crm", URI.create("https://crm.example.com/mcp"))
                .headers(Map.of("Authorization", "Bearer secret"))
                .build();
        SwitchboardConfig config = SwitchboardConfig.builder()
                .servers(List.of(github, crm))
                .orchestration(Orchestration.builder().stateFile(Path.of("state.json")).build())
                .build();

        assertThat(config.server("github").orElseThrow().options().priority()).isEqualTo(10);
        assertThat(config.server("crm").orElseThrow().transport()).isEqualTo(Transport.STREAMABLE_HTTP);
        assertThat(config.orchestration().stateFile()).isEqualTo(Path.of("state.json"));
        assertThat(config.orchestration().nameSeparator()).isEqualTo(Orchestration.DEFAULT_NAME_SEPARATOR);
        assertThat(config.toBuilder().build()).isEqualTo(config);
    }

    @Test
    void buildChecksAsTheConstructorDoes() {
        assertThatThrownBy(() -> ServerOptions.builder().priority(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("priority: 0 (expected: 1 to 999)");
        assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("retry.attempts: 0 (expected: >= 1)");
        assertThatThrownBy(() -> ServerOptions.builder().requestTimeout(Duration.ofMinutes(20)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("calls.max_total: PT10M (expected: >= request_timeout PT20M)");
        assertThatThrownBy(() -> StdioServer.builder("fs", " ").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("fs.command: blank (expected: an executable)");
        assertThatThrownBy(() -> SessionPolicy.builder().maxSessions(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("session.max_sessions: 0 (expected: >= 1)");
        var twice = StdioServer.of("fs", "npx", List.of());
        assertThatThrownBy(() -> SwitchboardConfig.builder().servers(List.of(twice, twice)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("servers.fs: duplicate name");
    }
}
