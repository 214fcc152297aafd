package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.AuthorizationHandler;
import dev.switchboard.ErrorCode;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardException;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.FakeAuthorizationServer;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * End to end, with a real authorization server on loopback that issues a new token at every login and refresh and
 * revokes tokens (RFC 7009), in front of a FakeMcpServer that refuses revoked tokens: a revoked access token gets 401,
 * Switchboard refreshes it and the call goes through; once the whole grant is revoked and nobody can log in again,
 * the call ends in AUTH_FAILED naming the server and the step that failed.
 */
class RecoversFromARevokedAccessTokenTest {

    /** POSTs {@code token} to the authorization server's revocation endpoint (RFC 7009). */
    private static void revokeOverHttp(FakeAuthorizationServer as, String token) throws Exception {
        try (var http = java.net.http.HttpClient.newHttpClient()) {
            var r = http.send(java.net.http.HttpRequest.newBuilder(as.base().resolve("/revoke"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("token=" + token
                            + "&token_type_hint=access_token")).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            assertThat(r.statusCode()).isEqualTo(200);
        }
        assertThat(as.revoked).contains(token);
    }

    @Test
    void refreshesARevokedTokenAndFailsClearlyOnceTheGrantIsGone() throws Exception {
        var clock = new SteppingClock();
        try (var as = new FakeAuthorizationServer();
                RunningFakeServer fake = FakeMcpServer.builder().name("fake").tool(FakeTool.whoami("whoami"))
                        .requireBearer("never-issued", as.resourceMetadata()).startHttp()) {
            as.protect(fake.url());
            as.perLoginTokens(fake::accept);
            as.onRevoked(fake::revoke);
            as.loginAs("alice");
            var person = new AtomicBoolean(true);
            var login = new LoopbackLogin();
            AuthorizationHandler handler = new AuthorizationHandler() {
                @Override
                public URI redirectUri(String server) {
                    return login.redirectUri(server);
                }

                @Override
                public URI authorize(String server, URI url) throws IOException, InterruptedException {
                    if (!person.get()) {
                        throw new IOException("nobody is at the browser");
                    }
                    return login.authorize(server, url);
                }
            };
            var config = SwitchboardConfig.builder().servers(List.of(HttpServer.builder("svc", URI.create(fake.url()))
                    .auth(OAuthProtected.PRE_REGISTERED).build())).build();
            try (var sb = Switchboard.builder(config).clock(clock).authorizationHandler(handler)
                    .probeScheduler(new ManualProbes()).start()) {
                assertThat(sb.call("svc", "whoami", Map.of()).text()).startsWith("user=alice ");
                assertThat(as.issuedAccessTokens).hasSize(1);

                clock.advance(Duration.ofMinutes(2));
                revokeOverHttp(as, as.issuedAccessTokens.getFirst()); // RFC 7009, as an administrator would
                assertThat(sb.call("svc", "whoami", Map.of()).text()).startsWith("user=alice ");
                assertThat(as.requestsTo("/token").getLast()).containsEntry("grant_type", "refresh_token");
                assertThat(as.issuedAccessTokens).as("a new token from the refresh").hasSize(2);
                assertThat(fake.receivedHeaders().getLast().get("authorization"))
                        .containsExactly("Bearer " + as.issuedAccessTokens.getLast());
                assertThat(login.opened).as("no second login").hasSize(1);

                clock.advance(Duration.ofMinutes(2));
                person.set(false);
                as.revokeEverything();
                assertThatThrownBy(() -> sb.call("svc", "whoami", Map.of()))
                        .isInstanceOfSatisfying(SwitchboardException.class, e -> {
                            assertThat(e.code()).isEqualTo(ErrorCode.AUTH_FAILED);
                            assertThat(e.getMessage()).contains("server 'svc'", "authorize again")
                                    .doesNotContain(as.issuedAccessTokens.getLast());
                        });
            }
        }
    }
}
