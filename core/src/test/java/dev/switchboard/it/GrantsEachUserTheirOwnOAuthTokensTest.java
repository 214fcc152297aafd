package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.CallOptions;
import dev.switchboard.ErrorCode;
import dev.switchboard.ServerState;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardException;
import dev.switchboard.ToolCall;
import dev.switchboard.UserCredentials;
import dev.switchboard.config.CredentialsMode;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.ServerOptions;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.FakeAuthorizationServer;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server with {@code credentials: per_user} and {@code auth: oauth}: each user's own grant is obtained once (as
 * {@code switchboard auth login SERVER --user ID} does), kept encrypted under that user in the token store, and a
 * later Switchboard without anybody to ask calls the server as each user with that user's tokens. There is no
 * shared connection; a user without a grant is told exactly how to grant it.
 */
class GrantsEachUserTheirOwnOAuthTokensTest {

    @Test
    void callsAsEachUserWithTheirOwnGrant(@TempDir Path tokens) throws Exception {
        try (var logs = new LibraryLogs(); var as = new FakeAuthorizationServer();
                RunningFakeServer fake = FakeMcpServer.builder().name("fake").tool(FakeTool.whoami("whoami"))
                        .requireBearer("never-issued", as.resourceMetadata()).startHttp()) {
            as.protect(fake.url());
            as.perLoginTokens(fake::accept);
            var config = SwitchboardConfig.builder().servers(List.of(HttpServer.builder("svc", URI.create(fake.url()))
                    .auth(OAuthProtected.PRE_REGISTERED).options(ServerOptions.builder()
                            .credentials(CredentialsMode.PER_USER).build()).build()))
                    .logging(dev.switchboard.config.LogSettings.builder().level("TRACE").build()).build();

            try (var login = Switchboard.builder(config).tokenStore(tokens).authorizationHandler(new LoopbackLogin())
                    .start()) {
                for (String user : List.of("alice", "bob")) {
                    as.loginAs(user);
                    assertThat(login.tools("svc", UserCredentials.oauthGrant(user))).extracting("name")
                            .containsExactly("whoami");
                }
            }
            try (Stream<Path> files = Files.walk(tokens.resolve("users"))) {
                assertThat(files.filter(f -> f.toString().endsWith(".token"))).hasSize(2);
            }

            try (var sb = Switchboard.builder(config).tokenStore(tokens).start()) {
                assertThat(sb.status("svc").state()).as("no shared connection").isEqualTo(ServerState.DISABLED);
                assertThat(whoami(sb, "alice")).startsWith("user=alice ");
                assertThat(whoami(sb, "bob")).startsWith("user=bob ");
                assertThat(as.requestsTo("/authorize")).as("no login after the grants").hasSize(2);

                assertThatThrownBy(() -> whoami(sb, "carol")).isInstanceOfSatisfying(SwitchboardException.class,
                        e -> {
                            assertThat(e.code()).isEqualTo(ErrorCode.AUTH_FAILED);
                            assertThat(e.getMessage()).contains("user 'carol'",
                                    "switchboard auth login CONFIG svc --user carol");
                        });
                assertThatThrownBy(() -> sb.call("svc", "whoami", Map.of()))
                        .isInstanceOfSatisfying(SwitchboardException.class, e -> assertThat(e.code())
                                .isEqualTo(ErrorCode.INVALID_ARGUMENTS));
            }
            assertThat(logs.named("user_session.opened")).extracting(e -> LibraryLogs.field(e, "user"))
                    .contains("alice", "bob");
            List<String> lines = logs.all().stream().map(e -> e.getFormattedMessage() + " " + e.getKeyValuePairs())
                    .toList();
            for (String token : as.issuedAccessTokens) {
                assertThat(lines).noneMatch(l -> l.contains(token));
            }
            assertThat(lines).noneMatch(l -> l.contains("-refresh") || l.contains("code-"));
        }
    }

    private static String whoami(Switchboard sb, String user) {
        return sb.call(ToolCall.of("svc", "whoami", Map.of()),
                CallOptions.DEFAULT.withCredentials(UserCredentials.oauthGrant(user))).text();
    }
}
