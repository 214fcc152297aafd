package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.Switchboard;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.internal.upstream.FakeClock;
import dev.switchboard.testing.FakeAuthorizationServer;
import dev.switchboard.testing.RunningFakeServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a token store, a restart does not ask the person again: the next Switchboard refreshes the kept tokens, even
 * long expired, with no authorization handler at all; and the file holds none of them in the clear.
 */
class KeepsTokensAcrossRestartsTest {
    @TempDir
    Path store;

    @Test
    void theNextStartRefreshesTheKeptTokensInsteadOfAskingAgain() throws Exception {
        try (var guarded = new OAuthProtected()) {
            var as = guarded.as();
            RunningFakeServer fake = guarded.server();
            var auth = OAuthProtected.PRE_REGISTERED;
            var config = SwitchboardConfig.builder().servers(List.of(HttpServer.builder("svc", URI.create(fake.url()))
                    .auth(auth).build())).build();
            try (var first = Switchboard.builder(config).clock(new FakeClock()).tokenStore(store)
                    .authorizationHandler(new LoopbackLogin()).start()) {
                first.call("svc", "echo", Map.of("text", "first"));
            }

            String kept = Files.readString(store.resolve("svc.token"));
            assertThat(kept).doesNotContain(FakeAuthorizationServer.ACCESS_TOKEN,
                    FakeAuthorizationServer.REFRESH_TOKEN, FakeAuthorizationServer.CLIENT_SECRET);
            assertThat(Files.getPosixFilePermissions(store.resolve("token.key")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));

            var later = new FakeClock();
            later.advance(Duration.ofDays(2));
            try (var second = Switchboard.builder(config).clock(later).tokenStore(store).start()) {
                assertThat(second.call("svc", "echo", Map.of("text", "second")).text()).contains("second");
            }
            assertThat(as.requestsTo("/authorize")).as("the person was asked once").hasSize(1);
            assertThat(as.requestsTo("/token")).extracting(t -> t.get("grant_type"))
                    .containsExactly("authorization_code", "refresh_token");
        }
    }
}
