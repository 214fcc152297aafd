package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.AuthorizationHandler;
import dev.switchboard.Switchboard;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.RunningFakeServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * {@link AuthorizationHandler#loopback}: the URL is shown, a browser (here an HTTP client that follows redirects)
 * opens it, the authorization server sends it to the loopback redirect URI, and the handler receives the code there
 * and tells the browser it may close.
 */
class ReceivesTheRedirectOnALoopbackPortTest {

    @Test
    void theBrowsersRedirectCompletesTheFlow() throws Exception {
        var browserSaw = new CompletableFuture<String>();
        AuthorizationHandler handler = AuthorizationHandler.loopback(url -> Thread.ofVirtual().start(() -> {
            try (HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()) {
                browserSaw.complete(browser.send(HttpRequest.newBuilder(url).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
            } catch (Exception e) {
                browserSaw.completeExceptionally(e);
            }
        }), Duration.ofSeconds(30));
        try (var guarded = new OAuthProtected()) {
            var as = guarded.as();
            RunningFakeServer fake = guarded.server();
            var auth = OAuthProtected.PRE_REGISTERED;
            var config = SwitchboardConfig.builder().servers(List.of(HttpServer.builder("svc", URI.create(fake.url()))
                    .auth(auth).build())).build();
            try (var sb = Switchboard.builder(config).authorizationHandler(handler).start()) {
                assertThat(sb.call("svc", "echo", Map.of("text", "hi")).text()).contains("hi");
            }
            assertThat(browserSaw.get()).contains("Switchboard received the authorization");
            assertThat(as.requestsTo("/authorize").getFirst().get("redirect_uri")).matches(
                    "http://127\\.0\\.0\\.1:\\d+/callback");
        }
    }
}
