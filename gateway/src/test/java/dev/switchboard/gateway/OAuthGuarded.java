package dev.switchboard.gateway;

import dev.switchboard.Switchboard;
import dev.switchboard.config.GatewayOAuth;
import dev.switchboard.config.GatewaySettings;
import dev.switchboard.config.RateLimit;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import io.modelcontextprotocol.client.McpSyncClient;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A gateway that accepts the access tokens of an {@link AuthorizationServer} in this JVM (and the static tokens of
 * {@link Guarded}), in front of two in-JVM servers, {@code github} (search, delete_repo) and {@code docs} (lookup);
 * one {@link SettableClock} for the gateway and the authorization server, and a rate-limit clock, both moved by the
 * test.
 *
 * <p>Every token needs scope {@code mcp}; the rules: {@code admins} (scope {@code mcp:admin}: everything and
 * control), {@code github-team} (claim {@code groups} has {@code github}: the github server), {@code searchers}
 * (scope {@code search}: github__search, 2 calls a minute each), {@code users} (scope {@code mcp:use}: everything).
 */
final class OAuthGuarded implements AutoCloseable {
    final SettableClock clock = new SettableClock();
    final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    final AuthorizationServer issuer = new AuthorizationServer(clock);
    final RunningFakeServer github;
    final RunningFakeServer docs;
    final Switchboard switchboard;
    final Gateway gateway;

    OAuthGuarded() {
        github = FakeMcpServer.builder().name("github").tool(FakeTool.echo("search"), FakeTool.text("delete_repo",
                "deleted")).startHttp();
        docs = FakeMcpServer.builder().name("docs").tool(FakeTool.text("lookup", "found")).startHttp();
        GatewaySettings s = GatewaySettings.builder().port(0).tokens(Guarded.tokens()).oauth(oauth(issuer.issuer()))
                .build();
        SwitchboardConfig config = SwitchboardConfig.builder().servers(List.of(Fixture.http("github", github),
                Fixture.http("docs", docs))).gateway(s).build();
        switchboard = Switchboard.start(config);
        gateway = Gateway.start(switchboard, s, config, clock, nanos::get);
    }

    static GatewayOAuth oauth(String issuer) {
        return GatewayOAuth.builder(issuer).scopesRequired(List.of("mcp")).rules(List.of(
                GatewayOAuth.Rule.builder("admins").scope("mcp:admin").control(true).build(),
                GatewayOAuth.Rule.builder("github-team").claims(Map.of("groups", "github"))
                        .servers(List.of("github")).build(),
                GatewayOAuth.Rule.builder("searchers").scope("search").tools(List.of("github__search"))
                        .rateLimit(RateLimit.of(2, Duration.ofMinutes(1))).build(),
                GatewayOAuth.Rule.builder("users").scope("mcp:use").build())).build();
    }

    URI url() {
        return gateway.url();
    }

    /** A token for the gateway (its URL is the audience) of {@code sub} with {@code scope}. */
    String token(String sub, String scope) {
        return issuer.token(url().toString(), sub, scope);
    }

    /** An initialised MCP Java SDK client that presents {@code token}. */
    McpSyncClient client(String token) {
        return Guarded.client(url(), token);
    }

    @Override
    public void close() {
        gateway.close();
        switchboard.close();
        github.close();
        docs.close();
        issuer.close();
    }
}
