package dev.switchboard.gateway;

import dev.switchboard.Switchboard;
import dev.switchboard.config.GatewaySettings;
import dev.switchboard.config.GatewayToken;
import dev.switchboard.config.RateLimit;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.config.TokenHash;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakePrompt;
import dev.switchboard.testing.FakeResource;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * A gateway with tokens in front of two in-JVM servers, {@code github} (tools search, delete_repo) and {@code docs}
 * (tool lookup, a prompt, a resource), on a rate-limit clock the test moves; and clients that present a token.
 */
final class Guarded implements AutoCloseable {
    // Fewer iterations than token create's: each first check of a token then costs milliseconds, not a second.
    static final TokenHash.NewToken ADMIN = TokenHash.newToken(TokenHash.MIN_ITERATIONS);
    static final TokenHash.NewToken GITHUB_ONLY = TokenHash.newToken(TokenHash.MIN_ITERATIONS);
    static final TokenHash.NewToken SEARCH_ONLY = TokenHash.newToken(TokenHash.MIN_ITERATIONS);
    static final TokenHash.NewToken LIMITED = TokenHash.newToken(TokenHash.MIN_ITERATIONS);

    final RunningFakeServer github;
    final RunningFakeServer docs;
    final Switchboard switchboard;
    final Gateway gateway;
    /** The rate limits' clock, in nanoseconds: {@link #advance} moves it. */
    final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    private Guarded(UnaryOperator<GatewaySettings.Builder> settings) {
        github = FakeMcpServer.builder().name("github").tool(FakeTool.echo("search"), FakeTool.text("delete_repo",
                "deleted")).startHttp();
        docs = FakeMcpServer.builder().name("docs").tool(FakeTool.text("lookup", "found"))
                .prompt(FakePrompt.of("explain", "Explain a page", List.of(), "Explain it."))
                .resource(FakeResource.text("docs://index", "index", "text/plain", "the index")).startHttp();
        GatewaySettings s = settings.apply(GatewaySettings.builder().port(0).tokens(tokens())).build();
        SwitchboardConfig config = SwitchboardConfig.builder().servers(List.of(Fixture.http("github", github),
                Fixture.http("docs", docs))).gateway(s).build();
        switchboard = Switchboard.start(config);
        gateway = Gateway.start(switchboard, s, config, Clock.systemUTC(), nanos::get);
    }

    static Guarded start() {
        return start(b -> b);
    }

    static Guarded start(UnaryOperator<GatewaySettings.Builder> settings) {
        return new Guarded(settings);
    }

    /** admin: everything and control; github-only: one server; search-only: one tool; limited: 2 calls a minute. */
    static List<GatewayToken> tokens() {
        return List.of(GatewayToken.builder("admin", ADMIN.hash()).control(true).build(),
                GatewayToken.builder("github-only", GITHUB_ONLY.hash()).servers(List.of("github")).build(),
                GatewayToken.builder("search-only", SEARCH_ONLY.hash()).tools(List.of("github__search")).build(),
                GatewayToken.builder("limited", LIMITED.hash()).rateLimit(RateLimit.of(2, Duration.ofMinutes(1)))
                        .build());
    }

    void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    URI url() {
        return gateway.url();
    }

    /** An initialised MCP Java SDK client that presents {@code token}. */
    McpSyncClient client(String token) {
        return client(url(), token);
    }

    /** An initialised MCP Java SDK client of the gateway at {@code url} that presents {@code token}. */
    static McpSyncClient client(URI url, String token) {
        var transport = HttpClientStreamableHttpTransport.builder(url.getScheme() + "://" + url.getAuthority())
                .endpoint(url.getPath())
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token)).build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(20)).build();
        client.initialize();
        return client;
    }

    /** Headers that present {@code token} (null: none), for {@link RawClient}. */
    static Map<String, String> bearer(String token) {
        return token == null ? Map.of() : Map.of("Authorization", "Bearer " + token);
    }

    @Override
    public void close() {
        gateway.close();
        switchboard.close();
        github.close();
        docs.close();
    }
}
