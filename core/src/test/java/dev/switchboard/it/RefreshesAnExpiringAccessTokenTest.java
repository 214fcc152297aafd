package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.Switchboard;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.internal.upstream.FakeClock;
import dev.switchboard.testing.FakeAuthorizationServer;
import dev.switchboard.testing.RunningFakeServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * An access token about to expire is refreshed with its refresh token before the next request goes out (the clock
 * is moved by hand, nothing waits), a token far from expiry is not, and calls that find it expiring together share
 * one refresh.
 */
class RefreshesAnExpiringAccessTokenTest {

    @Test
    void refreshesOnlyWhenTheTokenIsAboutToExpire() throws Exception {
        var clock = new FakeClock();
        try (var guarded = new OAuthProtected()) {
            var as = guarded.as();
            RunningFakeServer fake = guarded.server();
            as.expiresIn(600);
            var auth = OAuthProtected.PRE_REGISTERED;
            var config = SwitchboardConfig.builder().servers(List.of(HttpServer.builder("svc", URI.create(fake.url()))
                    .auth(auth).build())).build();
            try (var sb = Switchboard.builder(config).clock(clock).authorizationHandler(new LoopbackLogin())
                    .probeScheduler(new ManualProbes()).start()) {
                clock.advance(Duration.ofSeconds(500));
                sb.call("svc", "echo", Map.of("text", "early"));
                assertThat(refreshes(as)).as("100 s before expiry: no refresh yet").isZero();

                clock.advance(Duration.ofSeconds(60));
                assertThat(sb.call("svc", "echo", Map.of("text", "late")).text()).contains("late");
                assertThat(refreshes(as)).as("40 s before expiry: refreshed once").isEqualTo(1);
                assertThat(as.requestsTo("/token").getLast()).containsEntry("refresh_token",
                        FakeAuthorizationServer.REFRESH_TOKEN).containsEntry("resource", fake.url());
                assertThat(as.requestsTo("/authorize")).as("no new authorization").hasSize(1);
            }
        }
    }

    @Test
    void manyCallsAtExpiryShareOneRefresh() throws Exception {
        var clock = new FakeClock();
        try (var guarded = new OAuthProtected()) {
            var as = guarded.as();
            RunningFakeServer fake = guarded.server();
            as.expiresIn(600);
            var auth = OAuthProtected.PRE_REGISTERED;
            var config = SwitchboardConfig.builder().servers(List.of(HttpServer.builder("svc", URI.create(fake.url()))
                    .auth(auth).build())).build();
            try (var sb = Switchboard.builder(config).clock(clock).authorizationHandler(new LoopbackLogin())
                    .probeScheduler(new ManualProbes()).start()) {
                clock.advance(Duration.ofSeconds(590));
                try (var calls = Executors.newVirtualThreadPerTaskExecutor()) {
                    var results = IntStream.range(0, 20).mapToObj(i -> calls.submit(() -> sb.call("svc", "echo",
                            Map.of("text", "n" + i)).text())).toList();
                    for (int i = 0; i < results.size(); i++) {
                        assertThat(results.get(i).get()).contains("n" + i);
                    }
                }
                assertThat(refreshes(as)).as("one refresh for all of them").isEqualTo(1);
            }
        }
    }

    private static long refreshes(FakeAuthorizationServer as) {
        return as.requestsTo("/token").stream().filter(t -> "refresh_token".equals(t.get("grant_type"))).count();
    }
}
