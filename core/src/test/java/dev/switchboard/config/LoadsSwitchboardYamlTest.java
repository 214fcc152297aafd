package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadsSwitchboardYamlTest {
    private final SwitchboardConfig config = Configs.fixture("switchboard.yaml", Map.of("CRM_TOKEN", "crm-123456",
            "HOME", "/home/me"));

    @Test
    void keepsServersInFileOrder() {
        assertThat(config.servers()).extracting(ServerConfig::name).containsExactly("files", "crm", "events");
    }

    @Test
    void infersTransportFromCommandAndUrl() {
        assertThat(config.servers()).extracting(ServerConfig::transport)
                .containsExactly(Transport.STDIO, Transport.STREAMABLE_HTTP, Transport.SSE);
    }

    @Test
    void readsStdioServer() {
        StdioServer files = Configs.stdio(config, "files");
        assertThat(files.command()).isEqualTo("/usr/local/bin/mcp-files");
        assertThat(files.args()).containsExactly("--root", "/srv/data");
        assertThat(files.env()).containsExactly(Map.entry("LOG_FORMAT", "plain"));
        assertThat(files.passEnv()).containsExactly("HOME");
        assertThat(files.inheritEnv()).isFalse();
        assertThat(files.cwd()).isEqualTo(Path.of("/srv"));
        assertThat(files.shutdownGrace()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void readsHttpServerWithInterpolatedHeader() {
        HttpServer crm = Configs.http(config, "crm");
        assertThat(crm.url()).isEqualTo(URI.create("https://crm.example.com/mcp"));
        assertThat(crm.headers()).containsExactly(Map.entry("Authorization", "Bearer crm-123456"));
        assertThat(crm.options().description()).isEqualTo("Customer records");
        assertThat(crm.options().domains()).containsExactly("customers", "orders");
        assertThat(crm.options().aliases()).containsExactly("customers");
    }

    @Test
    void appliesDefaultsSectionUnderServerSettings() {
        ServerOptions files = config.servers().get(0).options();
        assertThat(files.priority()).isEqualTo(50);
        assertThat(files.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(files.requestTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(files.retry()).isEqualTo(RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(500))
                .multiplier(2.0).maxBackoff(Duration.ofSeconds(30)).jitter(0.5).build());

        ServerOptions crm = config.servers().get(1).options();
        assertThat(crm.priority()).isEqualTo(10);
        assertThat(crm.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(crm.retry()).isEqualTo(RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(500))
                .multiplier(2.0).maxBackoff(Duration.ofSeconds(10)).jitter(0.5).build());
    }

    @Test
    void failFastMakesServersRequiredUnlessTheySayOtherwise() {
        assertThat(config.orchestration().failFast()).isTrue();
        assertThat(config.servers()).extracting(s -> s.options().required()).containsExactly(true, false, true);
    }

    @Test
    void readsLoggingAndEnabled() {
        assertThat(config.logging())
                .isEqualTo(LogSettings.builder().enabled(true).level("DEBUG").format("json").build());
        assertThat(config.server("events").orElseThrow().options().enabled()).isFalse();
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void usesBuiltInDefaultsWhenFileSaysNothing() {
        SwitchboardConfig minimal = Configs.yaml("servers:\n  a:\n    command: npx\n");
        StdioServer a = Configs.stdio(minimal, "a");
        assertThat(a.options()).isEqualTo(ServerOptions.DEFAULT);
        assertThat(a.shutdownGrace()).isEqualTo(StdioServer.DEFAULT_SHUTDOWN_GRACE);
        assertThat(minimal.orchestration()).isEqualTo(Orchestration.DEFAULT);
        assertThat(minimal.logging()).isEqualTo(LogSettings.DEFAULT);
    }

    @Test
    void defaultsRequiredWinsOverFailFast() {
        SwitchboardConfig c = Configs.yaml("""
                orchestration: {fail_fast: true}
                defaults: {required: false}
                servers:
                  a: {command: npx}
                """);
        assertThat(c.servers().get(0).options().required()).isFalse();
    }

    @Test
    void acceptsNameAsDescriptionAndTypeAsTransport() {
        SwitchboardConfig c = Configs.yaml("""
                servers:
                  a: {url: "https://a.example.com/x", type: sse, name: Server A}
                """);
        assertThat(c.servers().get(0).transport()).isEqualTo(Transport.SSE);
        assertThat(c.servers().get(0).options().description()).isEqualTo("Server A");
    }

    @Test
    void acceptsScalarsWhereStringsAreExpected() {
        StdioServer a = Configs.stdio(Configs.yaml("servers:\n  a: {command: srv, args: [--port, 8080]}\n"), "a");
        assertThat(a.args()).isEqualTo(List.of("--port", "8080"));
    }
}
