package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.Switchboard;
import dev.switchboard.config.GatewayOAuth;
import dev.switchboard.config.GatewaySettings;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Listening beyond loopback ({@code 0.0.0.0}) without tokens is refused at start with what to do; with
 * {@code insecure} it starts, and a warning says so at start and then at most once a minute while requests come in;
 * with tokens it starts, and warns that tokens travel in clear text without TLS.
 */
class RefusesToListenBeyondLoopbackWithoutTokensTest {
    private static RunningFakeServer upstream;
    private static Switchboard switchboard;

    @BeforeAll
    static void start() {
        upstream = FakeMcpServer.builder().name("one").tool(FakeTool.echo("echo")).startHttp();
        switchboard = Switchboard.start(SwitchboardConfig.of(List.of(Fixture.http("one", upstream))));
    }

    @AfterAll
    static void stop() {
        switchboard.close();
        upstream.close();
    }

    @Test
    void everyAddressWithoutTokensIsRefusedSayingWhatToDo() {
        GatewaySettings exposed = GatewaySettings.builder().host("0.0.0.0").port(0).build();

        assertThatThrownBy(() -> Gateway.start(switchboard, exposed)).isInstanceOf(IllegalStateException.class)
                .hasMessage("gateway.listen: \"0.0.0.0\" is not a loopback address, and without gateway.tokens anyone"
                        + " who reaches it could use every server (expected: add a token to gateway.tokens"
                        + " (switchboard token create NAME makes one) or configure gateway.oauth, or listen on"
                        + " 127.0.0.1, e.g. 127.0.0.1:7700;"
                        + " if the network is trusted, set gateway.insecure: true or run serve --insecure)");
    }

    @Test
    void insecureStartsAndWarnsAtMostOnceAMinute() {
        MovableClock clock = new MovableClock();
        GatewaySettings insecure = GatewaySettings.builder().host("0.0.0.0").port(0).insecure(true).build();
        try (CapturedLogs logs = new CapturedLogs();
                Gateway gateway = Gateway.start(switchboard, insecure, switchboard.config(), clock, System::nanoTime)) {
            RawClient raw = new RawClient(loopback(gateway));
            assertThat(warnings(logs)).isEqualTo(1); // at start

            assertThat(raw.post(RawClient.initializeBody("2025-11-25"), Map.of()).status()).isEqualTo(200);
            raw.post(RawClient.initializeBody("2025-11-25"), Map.of());
            assertThat(warnings(logs)).isEqualTo(2); // the first request, not the second

            clock.now = clock.now.plus(Duration.ofMinutes(1));
            raw.post(RawClient.initializeBody("2025-11-25"), Map.of());
            assertThat(warnings(logs)).isEqualTo(3);
            assertThat(logs.lines()).filteredOn(l -> l.contains("gateway.insecure")).allSatisfy(l -> assertThat(l)
                    .startsWith("WARN").contains("anyone who reaches it can use every server"));
        }
    }

    @Test
    void tokensMakeEveryAddressAllowedAndPlainHttpIsWarnedAbout() {
        GatewaySettings guarded = GatewaySettings.builder().host("0.0.0.0").port(0).tokens(Guarded.tokens()).build();
        try (CapturedLogs logs = new CapturedLogs(); Gateway gateway = Gateway.start(switchboard, guarded)) {
            RawClient raw = new RawClient(loopback(gateway));

            assertThat(raw.post(RawClient.initializeBody("2025-11-25"), Map.of()).status()).isEqualTo(401);
            assertThat(raw.post(RawClient.initializeBody("2025-11-25"), Guarded.bearer(Guarded.ADMIN.token()))
                    .status()).isEqualTo(200);
            assertThat(logs.lines()).anySatisfy(l -> assertThat(l).startsWith("WARN gateway.plain_http")
                    .contains("tokens travel in clear text"));
        }
    }

    @Test
    void oauthMakesEveryAddressAllowedOnceItNamesTheResource() {
        GatewayOAuth oauth = GatewayOAuth.builder("https://auth.example.com").build();
        GatewaySettings noResource = GatewaySettings.builder().host("0.0.0.0").port(0).oauth(oauth).build();
        GatewaySettings withResource = noResource.toBuilder().oauth(GatewayOAuth.builder("https://auth.example.com")
                .resource(URI.create("https://mcp.example.com/mcp")).build()).build();

        assertThatThrownBy(() -> Gateway.start(switchboard, noResource)).isInstanceOf(IllegalStateException.class)
                .hasMessage("gateway.listen: \"0.0.0.0\" is not a loopback address, and gateway.oauth has no"
                        + " resource: tokens are issued for the URL clients use, which the listen address rarely is"
                        + " (expected: gateway.oauth.resource, e.g. https://mcp.example.com/mcp, or listen on"
                        + " 127.0.0.1)");
        try (Gateway gateway = Gateway.start(switchboard, withResource)) {
            RawClient.Answer refused = new RawClient(loopback(gateway)).post(RawClient.initializeBody("2025-11-25"),
                    Map.of());
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.header("WWW-Authenticate")).endsWith("resource_metadata=\"https://mcp.example.com"
                    + "/.well-known/oauth-protected-resource/mcp\"");
        }
    }

    private static long warnings(CapturedLogs logs) {
        return logs.lines().stream().filter(l -> l.startsWith("WARN gateway.insecure")).count();
    }

    /** The gateway's endpoint by the loopback address: it listens on every address, this one included. */
    private static URI loopback(Gateway gateway) {
        return URI.create("http://127.0.0.1:" + gateway.url().getPort() + "/mcp");
    }

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
