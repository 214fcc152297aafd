package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.ErrorCode;
import dev.switchboard.Switchboard;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.RetryPolicy;
import dev.switchboard.config.ServerOptions;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.FakeAuthorizationServer;
import dev.switchboard.testing.RunningFakeServer;
import java.net.URI;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A server whose authorization fails ends in AUTH_FAILED, with the step that failed and what to do about it. */
class ReportsTheFailedAuthorizationStepTest {

    @Test
    void aRefusedTokenRequestNamesTheStepAndTheFix() throws Exception {
        String status = failureOf(as -> as.failTokenRequestsWith("invalid_client"), new LoopbackLogin());

        assertThat(status).contains("server 'svc'", "the token request failed",
                "the authorization server answered invalid_client", "check auth.client_id");
    }

    @Test
    void aServerThatNeedsAPersonWithoutAHandlerSaysHowToGiveOne() throws Exception {
        String status = failureOf(as -> { }, null);

        assertThat(status).contains("authorization failed", "needs a person to authorize Switchboard",
                "AuthorizationHandler", "auth: client_credentials");
    }

    private static String failureOf(Consumer<FakeAuthorizationServer> setUp,
            LoopbackLogin login) throws Exception {
        try (var guarded = new OAuthProtected()) {
            var as = guarded.as();
            RunningFakeServer fake = guarded.server();
            setUp.accept(as);
            var auth = OAuthProtected.PRE_REGISTERED;
            var options = ServerOptions.builder().retry(RetryPolicy.builder().maxAttempts(1).build()).build();
            var config = SwitchboardConfig.builder().servers(List.of(HttpServer.builder("svc", URI.create(fake.url()))
                    .options(options).auth(auth).build())).build();
            var builder = Switchboard.builder(config).failOnRequiredServers(false).awaitOptionalServers(true);
            if (login != null) {
                builder.authorizationHandler(login);
            }
            try (var sb = builder.start()) {
                var error = sb.status("svc").lastError();
                assertThat(error).as("the server failed").isNotNull();
                assertThat(error.code()).isEqualTo(ErrorCode.AUTH_FAILED);
                assertThat(error.message()).doesNotContain(FakeAuthorizationServer.CLIENT_SECRET);
                return error.message();
            }
        }
    }
}
