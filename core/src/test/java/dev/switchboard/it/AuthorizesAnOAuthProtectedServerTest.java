package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.switchboard.Switchboard;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.LogSettings;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.FakeAuthorizationServer;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.RunningFakeServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A server behind an OAuth authorization server (a FakeMcpServer that answers 401 with its Protected Resource
 * Metadata, and a loopback authorization server): Switchboard discovers, authorizes with the code flow and PKCE,
 * and calls its tools; and no token, code, verifier or client secret appears in any log line, status or
 * {@code toString()}, even with every event at TRACE.
 */
class AuthorizesAnOAuthProtectedServerTest {

    @Test
    void authorizesWithTheCodeFlowAndKeepsEveryCredentialOutOfTheLogs() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level previous = root.getLevel();
        var captured = new ListAppender<ILoggingEvent>();
        root.setLevel(Level.TRACE);
        captured.start();
        root.addAppender(captured);
        List<String> everything = new ArrayList<>();
        var login = new LoopbackLogin();
        List<String> verifiers = new ArrayList<>();
        try (var guarded = new OAuthProtected()) {
            var as = guarded.as();
            RunningFakeServer fake = guarded.server();
            var auth = OAuthProtected.PRE_REGISTERED;
            var config = SwitchboardConfig.builder().servers(List.of(HttpServer.builder("svc", URI.create(fake.url()))
                    .auth(auth).build())).logging(LogSettings.builder().level("TRACE").build()).build();
            everything.add(config.toString());
            try (var sb = Switchboard.builder(config).authorizationHandler(login).start()) {
                assertThat(sb.call("svc", "echo", Map.of("text", "hi")).text()).contains("hi");
                sb.status().forEach(s -> everything.add(s.toString()));
            }

            Map<String, String> authorization = as.requestsTo("/authorize").getFirst();
            assertThat(authorization).containsEntry("client_id", FakeAuthorizationServer.CLIENT_ID)
                    .containsEntry("code_challenge_method", "S256").containsEntry("resource", fake.url())
                    .containsEntry("scope", "mcp:read").containsEntry("redirect_uri",
                            LoopbackLogin.REDIRECT.toString());
            assertThat(as.requestsTo("/token")).singleElement().satisfies(t -> assertThat(t)
                    .containsEntry("grant_type", "authorization_code").containsEntry("resource", fake.url()));
            assertThat(as.verifiers).hasSize(1);
            verifiers.addAll(as.verifiers);
        } finally {
            root.detachAppender(captured);
            root.setLevel(previous);
        }
        List<ILoggingEvent> logged;
        synchronized (captured) { // the appender's own lock: a server thread may still be logging
            logged = new ArrayList<>(captured.list);
        }
        for (ILoggingEvent e : logged) {
            if (e.getLoggerName().startsWith("org.eclipse.jetty")
                    || e.getLoggerName().startsWith("io.modelcontextprotocol.server")) {
                continue; // the fake server's own logs in this JVM: it receives the token, as any server does
            }
            everything.add(e.getFormattedMessage());
            if (e.getKeyValuePairs() != null) {
                e.getKeyValuePairs().forEach(kv -> everything.add(kv.key + "=" + kv.value));
            }
            if (e.getThrowableProxy() != null) {
                everything.add(e.getThrowableProxy().getMessage());
            }
        }
        assertThat(everything).as("the flow was logged").anyMatch(s -> s.contains("auth.authorized"));
        List<String> secrets = new ArrayList<>(List.of(FakeAuthorizationServer.ACCESS_TOKEN,
                FakeAuthorizationServer.REFRESH_TOKEN, FakeAuthorizationServer.CODE,
                FakeAuthorizationServer.CLIENT_SECRET));
        secrets.addAll(verifiers);
        assertThat(everything).noneMatch(s -> s != null && secrets.stream().anyMatch(s::contains));
    }
}
