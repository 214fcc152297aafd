package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code gateway:} section: how {@code switchboard serve} offers every server on one MCP endpoint. */
class ReadsGatewaySettingsTest {
    private static final String SERVERS = "servers: {a: {command: x}}\n";

    @Test
    void readsEveryKeyFromYaml() {
        SwitchboardConfig c = Configs.yaml("""
                gateway:
                  listen: 127.0.0.2:8800
                  allowed_origins:
                    - https://app.example.com
                    - HTTP://Tools.Example.com:80/
                    - https://a.example.com:8443
                  names: bare_when_unique
                  page_size: 50
                  replay_events: 64
                  max_sessions: 20
                  session_idle_timeout: 5m
                  max_request_bytes: 65536
                  list_unavailable_tools: true
                  server_info: {name: acme-gateway, version: "2.0.0"}
                """ + SERVERS);

        assertThat(c.gateway()).isEqualTo(GatewaySettings.builder().host("127.0.0.2").port(8800)
                .allowedOrigins(List.of("https://app.example.com", "http://tools.example.com",
                        "https://a.example.com:8443"))
                .names(GatewaySettings.Names.BARE_WHEN_UNIQUE).pageSize(50).replayEvents(64).maxSessions(20)
                .sessionIdleTimeout(Duration.ofMinutes(5)).maxRequestBytes(65536).listUnavailableTools(true)
                .serverName("acme-gateway").serverVersion("2.0.0").build());
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void readsEveryKeyFromJson() {
        SwitchboardConfig c = Configs.json("""
                {"gateway": {"listen": 0, "allowed_origins": ["vscode-webview://abc123"], "names": "bare-when-unique",
                             "page_size": "25", "replay_events": 16, "max_sessions": 1,
                             "session_idle_timeout": "90s", "max_request_bytes": 1024,
                             "list_unavailable_tools": false, "server_info": {"name": "gw"}},
                 "servers": {"a": {"command": "x"}}}
                """, Map.of());

        assertThat(c.gateway()).isEqualTo(GatewaySettings.builder().host("127.0.0.1").port(0)
                .allowedOrigins(List.of("vscode-webview://abc123")).names(GatewaySettings.Names.BARE_WHEN_UNIQUE)
                .pageSize(25).replayEvents(16).maxSessions(1).sessionIdleTimeout(Duration.ofSeconds(90))
                .maxRequestBytes(1024).listUnavailableTools(false).serverName("gw").serverVersion(null).build());
    }

    @Test
    void withoutTheSectionTheDocumentedDefaultsApply() {
        GatewaySettings g = Configs.yaml(SERVERS).gateway();

        assertThat(g).isEqualTo(GatewaySettings.DEFAULT);
        assertThat(g.host()).isEqualTo("127.0.0.1");
        assertThat(g.port()).isEqualTo(7700);
        assertThat(g.allowedOrigins()).isEmpty();
        assertThat(g.names()).isEqualTo(GatewaySettings.Names.QUALIFIED);
        assertThat(g.pageSize()).isEqualTo(100);
        assertThat(g.replayEvents()).isEqualTo(256);
        assertThat(g.maxSessions()).isEqualTo(1000);
        assertThat(g.sessionIdleTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(g.maxRequestBytes()).isEqualTo(4 * 1024 * 1024);
        assertThat(g.listUnavailableTools()).isFalse();
        assertThat(g.serverName()).isEqualTo("switchboard");
        assertThat(g.serverVersion()).isNull();
        assertThat(Configs.yaml("gateway: {}\n" + SERVERS).gateway()).isEqualTo(GatewaySettings.DEFAULT);
        assertThat(Configs.yaml("gateway: {server_info: {version: 1.0.1}}\n" + SERVERS).gateway())
                .isEqualTo(GatewaySettings.builder().serverVersion("1.0.1").build());
    }

    @Test
    void listensOnEveryWrittenFormOfALoopbackAddress() {
        assertThat(listen("127.0.0.1:7700")).isEqualTo("127.0.0.1 7700");
        assertThat(listen("127.10.20.30:80")).isEqualTo("127.10.20.30 80");
        assertThat(listen("\"[::1]:7701\"")).isEqualTo("::1 7701");
        assertThat(listen("\"[0:0:0:0:0:0:0:1]:7701\"")).isEqualTo("0:0:0:0:0:0:0:1 7701");
        assertThat(listen("\":7702\"")).isEqualTo("127.0.0.1 7702");
        assertThat(Configs.yaml("gateway:\n  listen: :7705\n" + SERVERS).gateway().port()).isEqualTo(7705);
        assertThat(listen("7703")).isEqualTo("127.0.0.1 7703");
        assertThat(listen("\"7704\"")).isEqualTo("127.0.0.1 7704");
        assertThat(listen("LocalHost:0")).isEqualTo("LocalHost 0");
        assertThat(listen("0")).isEqualTo("127.0.0.1 0");
    }

    @Test
    void listenCanBeOverriddenAndComeFromTheEnvironment() {
        GatewaySettings g = ConfigLoader.builder().environment(Map.of("GATEWAY_PORT", "9100"))
                .override("gateway.page_size=10").build()
                .parse("gateway: {listen: \"127.0.0.1:${GATEWAY_PORT}\"}\n" + SERVERS, "test.yaml").gateway();
        assertThat(g.port()).isEqualTo(9100);
        assertThat(g.pageSize()).isEqualTo(10);
        assertThat(ConfigLoader.builder().environment(Map.of()).override("gateway.listen", ":9200").build()
                .parse(SERVERS, "test.yaml").gateway().port()).isEqualTo(9200);
    }

    @Test
    void refusesToListenBeyondThisMachineWithoutTokens() {
        assertThat(Configs.problems("gateway: {listen: 0.0.0.0:7700}\n" + SERVERS)).containsExactly(
                "gateway.listen: \"0.0.0.0\" is not a loopback address, and without gateway.tokens anyone who"
                        + " reaches it could use every server (expected: add a token to gateway.tokens (switchboard"
                        + " token create NAME makes one) or configure gateway.oauth, or listen on 127.0.0.1, e.g."
                        + " 127.0.0.1:7700; if the network"
                        + " is trusted, set gateway.insecure: true or run serve --insecure)");
        for (String host : List.of("192.168.1.10:7700", "gateway.example.com:7700", "\"[::]:7700\"",
                "\"[2001:db8::1]:7700\"", "128.0.0.1:7700", "127.0.0.256:7700", "127.0.0.01:7700",
                "localhost.example.com:7700", "\"[::ffff:10.0.0.1]:7700\"")) {
            assertThat(Configs.problems("gateway: {listen: " + host + "}\n" + SERVERS)).singleElement()
                    .asString().contains("is not a loopback address, and without gateway.tokens");
        }
        GatewaySettings exposed = GatewaySettings.builder().host("0.0.0.0").build();
        assertThat(exposed.unsafeListen()).startsWith("\"0.0.0.0\" is not a loopback address");
        assertThat(exposed.toBuilder().insecure(true).build().unsafeListen()).isNull();
        assertThat(Configs.yaml("gateway: {listen: 0.0.0.0:7700, insecure: true}\n" + SERVERS).gateway().host())
                .isEqualTo("0.0.0.0");
    }

    @Test
    void reportsAMalformedListenAddressSayingWhatToWrite() {
        String expected = " (expected: HOST:PORT on this machine, e.g. 127.0.0.1:7700, [::1]:7700, :7700 or 7700;"
                + " port 0 = any free port)";
        assertThat(problem("127.0.0.1")).isEqualTo("gateway.listen: \"127.0.0.1\" has no port" + expected);
        assertThat(problem("\"[::1]\"")).isEqualTo("gateway.listen: \"[::1]\" has no port" + expected);
        assertThat(problem("\"::1:7700\"")).isEqualTo("gateway.listen: \"::1:7700\" has an IPv6 address without"
                + " brackets (expected: the address in brackets, e.g. [::1]:7700)");
        assertThat(problem("127.0.0.1:http")).isEqualTo("gateway.listen: port \"http\" is not a whole number"
                + " (expected: a port from 0 to 65535; 0 = any free port)");
        assertThat(problem("127.0.0.1:70000")).isEqualTo("gateway.listen: port 70000 is out of range"
                + " (expected: a port from 0 to 65535; 0 = any free port)");
        assertThat(problem("-1")).isEqualTo("gateway.listen: port -1 is out of range"
                + " (expected: a port from 0 to 65535; 0 = any free port)");
        assertThat(problem("\"127.0.0.1:\"")).startsWith("gateway.listen: port \"\" is not a whole number");
        assertThat(problem("\"\"")).isEqualTo("gateway.listen: is blank" + expected);
        assertThat(problem("[127.0.0.1, 7700]")).isEqualTo("gateway.listen: is a list" + expected);
        assertThat(problem("true")).isEqualTo("gateway.listen: true is not an address" + expected);
        assertThat(Configs.problems("gateway: {listen: \"0.0.0.0:99999\"}\n" + SERVERS)).hasSize(1);
    }

    @Test
    void checksEachAllowedOriginAndWarnsAboutAnyOrigin() {
        assertThat(Configs.problems("""
                gateway:
                  allowed_origins:
                    - app.example.com
                    - https://app.example.com/login
                    - https://app.example.com?x=1
                    - https://*.example.com
                    - https://me:secret-pass@app.example.com
                    - https://app.example.com:0
                    - "https://"
                    - https://app_example.com
                    - ""
                    - https://fine.example.com
                  names: bare
                """ + SERVERS)).containsExactly(
                "gateway.allowed_origins[0]: \"app.example.com\" is not an origin (expected: scheme://host[:port],"
                        + " as a browser sends it, e.g. https://app.example.com)",
                "gateway.allowed_origins[1]: \"https://app.example.com/login\" has a path (expected:"
                        + " https://app.example.com, as an origin is only scheme://host[:port])",
                "gateway.allowed_origins[2]: \"https://app.example.com?x=1\" has a query or fragment (expected:"
                        + " https://app.example.com, as an origin is only scheme://host[:port])",
                "gateway.allowed_origins[3]: \"https://*.example.com\" has a wildcard (expected: exact origins,"
                        + " e.g. https://app.example.com; \"*\" alone allows any origin)",
                "gateway.allowed_origins[4]: has credentials in it (user@ or user:password@) (expected:"
                        + " scheme://host[:port], as a browser sends it, e.g. https://app.example.com)",
                "gateway.allowed_origins[5]: \"https://app.example.com:0\" has port 0, which is out of range"
                        + " (expected: a port from 1 to 65535)",
                "gateway.allowed_origins[6]: \"https://\" has no host (expected: scheme://host[:port], as a browser"
                        + " sends it, e.g. https://app.example.com)",
                "gateway.allowed_origins[7]: \"https://app_example.com\" has an invalid host (expected:"
                        + " scheme://host[:port], as a browser sends it, e.g. https://app.example.com)",
                "gateway.allowed_origins[8]: is blank (expected: scheme://host[:port], as a browser sends it, e.g."
                        + " https://app.example.com)",
                "gateway.names: \"bare\" is not a naming mode (expected: qualified or bare_when_unique)");

        SwitchboardConfig any = Configs.yaml("gateway: {allowed_origins: [\"*\", \"https://a.example.com/\"]}\n"
                + SERVERS);
        assertThat(any.gateway().allowedOrigins()).containsExactly("*", "https://a.example.com");
        assertThat(any.warnings()).containsExactly("gateway.allowed_origins[0]: \"*\" lets any web page open in a"
                + " browser on this machine use the gateway, and through it every server (expected: the origins of"
                + " the pages that need it, e.g. https://app.example.com)");
        assertThat(Configs.problems("gateway: {allowed_origins: https://a.example.com}\n" + SERVERS))
                .containsExactly("gateway.allowed_origins: is a string (expected: a list, e.g."
                        + " [https://app.example.com])");
    }

    @Test
    void reportsEveryOtherImpossibleValueAtItsKey() {
        assertThat(Configs.problems("""
                gateway:
                  names: qualifed
                  page_size: 0
                  replay_events: 15
                  max_sessions: many
                  session_idle_timeout: 30
                  max_request_bytes: 1000
                  list_unavailable_tools: sometimes
                  server_info: {name: " ", version: "", vendor: acme}
                """ + SERVERS)).containsExactly(
                "gateway.names: \"qualifed\" is not a naming mode (did you mean qualified? expected: qualified or"
                        + " bare_when_unique)",
                "gateway.page_size: 0 is out of range (expected: a whole number of items per page, 1 or more)",
                "gateway.replay_events: 15 is out of range (expected: a whole number of events, 16 or more)",
                "gateway.max_sessions: \"many\" is not a whole number (expected: a whole number of sessions, 1 or"
                        + " more)",
                "gateway.session_idle_timeout: 30 has no unit (expected: a duration like 500ms, 30s, 5m)",
                "gateway.max_request_bytes: 1000 is out of range (expected: a whole number of bytes from 1024 to"
                        + " 2147483647, e.g. 4194304 for 4 MiB)",
                "gateway.list_unavailable_tools: \"sometimes\" is not a boolean (expected: true or false)",
                "gateway.server_info.vendor: unknown key (expected one of: name, version)",
                "gateway.server_info.name: is blank (expected: the name clients see, e.g. switchboard)",
                "gateway.server_info.version: is blank (expected: a version such as \"1.2.3\", or no version for"
                        + " Switchboard's own)");
        assertThat(Configs.problems("gateway: {session_idle_timeout: 0s}\n" + SERVERS)).containsExactly(
                "gateway.session_idle_timeout: \"0s\" is not positive (expected: more than 0, like 30s)");
    }

    @Test
    void suggestsTheKeyAMisspeltOneMeant() {
        assertThat(Configs.problems("""
                gatway: {listen: 7700}
                gateway: {allowed_origin: [https://a.example.com], pageSize: 10, sesion_idle_timeout: 1m, port: 1}
                """ + SERVERS)).containsExactly(
                "gatway: unknown key (did you mean gateway?)",
                "gateway.allowed_origin: unknown key (did you mean allowed_origins?)",
                "gateway.pageSize: unknown key (did you mean page_size?)",
                "gateway.sesion_idle_timeout: unknown key (did you mean session_idle_timeout?)",
                "gateway.port: unknown key (expected one of: listen, allowed_origins, names, page_size,"
                        + " replay_events, max_sessions, session_idle_timeout, max_request_bytes,"
                        + " list_unavailable_tools, server_info, tokens, oauth, rate_limit, insecure, tls,"
                        + " max_json_depth, max_batch, max_sessions_per_token)");
        assertThat(Configs.problems("gateway: 7700\n" + SERVERS)).containsExactly("gateway: is a number (expected:"
                + " a map with listen, allowed_origins, names, page_size, replay_events, max_sessions,"
                + " session_idle_timeout, max_request_bytes, list_unavailable_tools, server_info, tokens, oauth,"
                + " rate_limit, insecure, tls, max_json_depth, max_batch, max_sessions_per_token)");
    }

    @Test
    void theExampleOfTheDocumentationLoads() {
        SwitchboardConfig c = Configs.yaml("""
                gateway:
                  listen: 127.0.0.1:7700
                  allowed_origins: [https://app.example.com]
                  names: bare_when_unique
                  session_idle_timeout: 1h
                  server_info: {name: acme-tools, version: "2.1.0"}
                servers:
                  browser:
                    command: npx
                    args: ["@playwright/mcp"]
                    session: per_client              # each client drives a browser of its own
                  docs:
                    url: https://docs.example.com/mcp  # shared by every client (the default)
                """);

        assertThat(c.gateway().names()).isEqualTo(GatewaySettings.Names.BARE_WHEN_UNIQUE);
        assertThat(c.gateway().sessionIdleTimeout()).isEqualTo(Duration.ofHours(1));
        assertThat(c.server("browser").orElseThrow().options().session().mode())
                .isEqualTo(SessionPolicy.Mode.PER_CLIENT);
        assertThat(c.server("docs").orElseThrow().options().session().mode()).isEqualTo(SessionPolicy.Mode.SHARED);
    }

    @Test
    void anMcpServersFileMayHaveAGatewaySectionToo() {
        SwitchboardConfig c = Configs.json("""
                {"mcpServers": {"a": {"command": "x"}}, "gateway": {"listen": "127.0.0.1:7800"}}
                """, Map.of());
        assertThat(c.gateway().port()).isEqualTo(7800);
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void theBuilderChecksAndNormalisesAsTheLoaderDoes() {
        GatewaySettings g = GatewaySettings.builder().host("[::1]")
                .allowedOrigins(List.of("HTTPS://App.Example.com:443/", "https://app.example.com", "*")).build();
        assertThat(g.host()).isEqualTo("::1");
        assertThat(g.allowedOrigins()).containsExactly("https://app.example.com", "*");
        assertThatThrownBy(() -> GatewaySettings.builder().allowedOrigins(List.of("https://a.example.com/x")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gateway.allowed_origins: \"https://a.example.com/x\" has a path (expected:"
                        + " https://a.example.com, as an origin is only scheme://host[:port])");
        assertThatThrownBy(() -> GatewaySettings.builder().serverName(" ").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("gateway.server_info.name:");
    }

    /** The host and port read from {@code gateway: {listen: VALUE}}. */
    private static String listen(String value) {
        GatewaySettings g = Configs.yaml("gateway: {listen: " + value + "}\n" + SERVERS).gateway();
        return g.host() + " " + g.port();
    }

    /** The one problem {@code gateway: {listen: VALUE}} has. */
    private static String problem(String value) {
        List<String> problems = Configs.problems("gateway: {listen: " + value + "}\n" + SERVERS);
        assertThat(problems).hasSize(1);
        return problems.get(0);
    }
}
