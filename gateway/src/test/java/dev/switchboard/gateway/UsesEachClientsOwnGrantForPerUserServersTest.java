package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.AuthorizationHandler;
import dev.switchboard.Switchboard;
import dev.switchboard.UserCredentials;
import dev.switchboard.config.CredentialsMode;
import dev.switchboard.config.GatewaySettings;
import dev.switchboard.config.GatewayToken;
import dev.switchboard.config.HttpAuth;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.ServerOptions;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.config.TokenHash;
import dev.switchboard.testing.FakeAuthorizationServer;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code credentials: per_user} server behind the gateway: two clients authenticated as alice and bob, calling at
 * once, each list and call it with their own identity's upstream grant (granted beforehand, as {@code switchboard
 * auth login SERVER --user ID} does) and each result is their own; a client without a grant sees none of its tools
 * and is told how to grant it; no client's own token ever reaches the server.
 */
class UsesEachClientsOwnGrantForPerUserServersTest {
    private static final TokenHash.NewToken ALICE = TokenHash.newToken(TokenHash.MIN_ITERATIONS);
    private static final TokenHash.NewToken BOB = TokenHash.newToken(TokenHash.MIN_ITERATIONS);
    private static final TokenHash.NewToken CAROL = TokenHash.newToken(TokenHash.MIN_ITERATIONS);

    @Test
    void eachClientCallsWithItsOwnGrant(@TempDir Path tokens) throws Exception {
        try (var as = new FakeAuthorizationServer();
                RunningFakeServer fake = FakeMcpServer.builder().name("fake").tool(FakeTool.whoami("whoami"))
                        .requireBearer("never-issued", as.resourceMetadata()).startHttp()) {
            as.protect(fake.url());
            as.perLoginTokens(fake::accept);
            HttpServer svc = HttpServer.builder("svc", URI.create(fake.url())).auth(HttpAuth.builder(
                    HttpAuth.Type.OAUTH).clientId(FakeAuthorizationServer.CLIENT_ID)
                    .clientSecret(FakeAuthorizationServer.CLIENT_SECRET).build())
                    .options(ServerOptions.builder().credentials(CredentialsMode.PER_USER).build()).build();
            grant(SwitchboardConfig.builder().servers(List.of(svc)).build(), tokens, as, "token:alice", "token:bob");

            GatewaySettings settings = GatewaySettings.builder().port(0).tokens(List.of(
                    GatewayToken.builder("alice", ALICE.hash()).build(), GatewayToken.builder("bob", BOB.hash())
                            .build(), GatewayToken.builder("carol", CAROL.hash()).build())).build();
            SwitchboardConfig config = SwitchboardConfig.builder().servers(List.of(svc)).gateway(settings).build();
            try (var sb = Switchboard.builder(config).tokenStore(tokens).start();
                    var gateway = Gateway.start(sb, settings, config, Clock.systemUTC(), System::nanoTime)) {
                McpSyncClient alice = Guarded.client(gateway.url(), ALICE.token());
                McpSyncClient bob = Guarded.client(gateway.url(), BOB.token());
                McpSyncClient carol = Guarded.client(gateway.url(), CAROL.token());
                try {
                    assertThat(alice.listTools().tools()).extracting(McpSchema.Tool::name)
                            .containsExactly("svc__whoami");
                    assertThat(carol.listTools().tools()).as("no grant: none of its tools").isEmpty();

                    List<Future<String>> answers = new ArrayList<>();
                    List<String> askedFor = new ArrayList<>();
                    try (var exec = Executors.newVirtualThreadPerTaskExecutor()) {
                        for (int i = 0; i < 20; i++) {
                            askedFor.addAll(List.of("token:alice", "token:bob"));
                            answers.add(exec.submit(() -> whoami(alice)));
                            answers.add(exec.submit(() -> whoami(bob)));
                        }
                    }
                    for (int i = 0; i < answers.size(); i++) {
                        assertThat(answers.get(i).get()).startsWith("user=" + askedFor.get(i) + " ");
                    }

                    McpSchema.CallToolResult refused = carol.callTool(new McpSchema.CallToolRequest("svc__whoami",
                            Map.of()));
                    assertThat(refused.isError()).isTrue();
                    assertThat(((McpSchema.TextContent) refused.content().getFirst()).text())
                            .contains("AUTH_FAILED", "user 'token:carol'",
                                    "switchboard auth login CONFIG svc --user token:carol");

                    var rest = new RestClient(gateway.url());
                    var carolsRest = restCall(rest, CAROL.token());
                    assertThat(carolsRest.status()).as(carolsRest.toString()).isEqualTo(403);
                    assertThat(carolsRest.json().path("type").asText()).endsWith("authorization-required");
                    assertThat(carolsRest.json().path("detail").asText()).contains("--user token:carol");
                    var alicesRest = restCall(rest, ALICE.token());
                    assertThat(alicesRest.status()).as(alicesRest.toString()).isEqualTo(200);
                    assertThat(alicesRest.json().path("result").path("content").get(0).path("text").asText())
                            .startsWith("user=token:alice ");
                } finally {
                    alice.closeGracefully();
                    bob.closeGracefully();
                    carol.closeGracefully();
                }
            }
            assertThat(fake.receivedHeaders()).allSatisfy(h -> assertThat(h.getOrDefault("authorization", List.of()))
                    .as("never a client's own token upstream")
                    .doesNotContain("Bearer " + ALICE.token(), "Bearer " + BOB.token(), "Bearer " + CAROL.token()));
        }
    }

    /** Each user's own grant, obtained as `switchboard auth login CONFIG svc --user ID` does. */
    private static void grant(SwitchboardConfig config, Path tokens, FakeAuthorizationServer as, String... users) {
        try (var login = Switchboard.builder(config).tokenStore(tokens).authorizationHandler(new Browser()).start()) {
            for (String user : users) {
                as.loginAs(user);
                login.tools("svc", UserCredentials.oauthGrant(user));
            }
        }
    }

    /** {@code POST /api/v1/call} of svc__whoami with a client's token (the document needs one too: not checked). */
    private static RestClient.Answer restCall(RestClient rest, String token) {
        return rest.sendUnchecked(rest.request("/api/v1/call").header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"tool\":\"svc__whoami\"}")).build());
    }

    private static String whoami(McpSyncClient client) {
        var r = client.callTool(new McpSchema.CallToolRequest("svc__whoami", Map.of()));
        return ((McpSchema.TextContent) r.content().getFirst()).text();
    }

    /** Plays the person: opens the authorization URL and hands back where it redirected, unfollowed. */
    private static final class Browser implements AuthorizationHandler {
        @Override
        public URI redirectUri(String server) {
            return URI.create("http://127.0.0.1:1/callback");
        }

        @Override
        public URI authorize(String server, URI url) throws java.io.IOException, InterruptedException {
            try (HttpClient http = HttpClient.newHttpClient()) {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(url).build(),
                        HttpResponse.BodyHandlers.discarding());
                return URI.create(r.headers().firstValue("location").orElseThrow());
            }
        }
    }
}
