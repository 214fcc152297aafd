package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadsLegacyYamlTest {
    private final SwitchboardConfig config = Configs.fixture("legacy.yaml", Map.of());

    @Test
    void readsTheServer() {
        HttpServer db = Configs.http(config, "database_mcp");
        assertThat(db.transport()).isEqualTo(Transport.SSE);
        assertThat(db.url()).isEqualTo(URI.create("http://localhost:8000/sse"));
        assertThat(db.options().description()).isEqualTo("Database MCP Server");
        assertThat(db.options().priority()).isEqualTo(10);
        assertThat(db.options().domains()).containsExactly("sales", "transactions", "orders");
        assertThat(db.options().capabilities()).containsExactly("execute_query", "list_resources");
    }

    @Test
    void failFastMakesTheServerRequired() {
        assertThat(config.orchestration().failFast()).isTrue();
        assertThat(config.servers().get(0).options().required()).isTrue();
    }

    @Test
    void mapsLegacyLoggingKeysWithoutWarnings() {
        assertThat(config.logging().enabled()).isTrue();
        assertThat(config.logging().level()).isEqualTo("DEBUG");
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void mapsPythonLevelNames() {
        SwitchboardConfig c = Configs.yaml("""
                mcp_servers:
                  a: {command: npx}
                orchestration: {enable_logging: false, log_level: WARNING}
                """);
        assertThat(c.logging()).isEqualTo(LogSettings.builder().enabled(false).level("WARN").format("console").build());
    }

    @Test
    void reportsLegacyKeysWhereTheyAreWritten() {
        assertThat(Configs.problems("""
                mcp_servers:
                  a: {command: npx, priority: 0}
                orchestration: {log_level: LOUD}
                """)).containsExactly(
                "orchestration.log_level: \"LOUD\" is not a log level (expected: TRACE, DEBUG, INFO, WARN or ERROR)",
                "mcp_servers.a.priority: 0 is out of range (expected: a whole number from 1 to 999; lower wins)");
    }
}
