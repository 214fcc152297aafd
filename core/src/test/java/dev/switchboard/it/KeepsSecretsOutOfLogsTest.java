package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.switchboard.Switchboard;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.LogSettings;
import dev.switchboard.config.ServerOptions;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.FakeMcpServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Secrets from a server's env and headers never reach a log line, a status snapshot or a {@code toString()}, even
 * when the server itself prints them in its error output.
 */
class KeepsSecretsOutOfLogsTest {
    private static final String ENV_SECRET = "sentinel-env-secret-7f3a";
    private static final String HEADER_SECRET = "sentinel-header-secret-9c1d";

    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private Logger root;
    private Level previous;

    @BeforeEach
    void captureEverything() {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        previous = root.getLevel();
        root.setLevel(Level.TRACE);
        captured.start();
        root.addAppender(captured);
    }

    @AfterEach
    void restore() {
        root.detachAppender(captured);
        root.setLevel(previous);
    }

    @Test
    void secretsAreMaskedEverywhereTheyCouldLeak() {
        var leaky = FakeMcpServer.builder().name("leaky")
                .exitOnStart(3, "auth failed with token " + ENV_SECRET).build();
        var stdio = Stdio.server("leaky", FakeMcpServer.stdioCommand(leaky), Map.of("API_TOKEN", ENV_SECRET))
                .withOptions(ServerOptions.builder().retry(Stdio.ONE_ATTEMPT).build());
        List<String> everything = new ArrayList<>();
        try (var stub = StubHttpEndpoint.answering(401, "text/plain", "denied", Map.of())) {
            var http = HttpServer.builder("remote", stub.url("/mcp"))
                    .options(ServerOptions.builder().retry(Stdio.ONE_ATTEMPT).build())
                    .headers(Map.of("Authorization", "Bearer " + HEADER_SECRET)).build();
            // Every event the library has, so that each is checked for secrets.
            var config = SwitchboardConfig.builder().servers(List.of(stdio, http))
                    .logging(LogSettings.builder().level("TRACE").build()).build();
            everything.add(config.toString());
            try (var sb = Switchboard.builder(config).sleeper(new RecordingSleeper(0)).start()) {
                sb.status().forEach(s -> everything.add(s.toString()));
                assertThat(sb.status("leaky").lastError().message()).contains("auth failed with token ***");
            }
        }
        List<ILoggingEvent> logged;
        synchronized (captured) { // the appender's own lock: a server thread may still be logging
            logged = new ArrayList<>(captured.list);
        }
        for (ILoggingEvent e : logged) {
            everything.add(e.getFormattedMessage());
            if (e.getKeyValuePairs() != null) {
                e.getKeyValuePairs().forEach(kv -> everything.add(kv.key + "=" + kv.value));
            }
            if (e.getThrowableProxy() != null) {
                everything.add(e.getThrowableProxy().getMessage());
            }
        }
        assertThat(logged).as("the test must have seen the failure logged").isNotEmpty();
        assertThat(everything).noneMatch(s -> s != null && (s.contains(ENV_SECRET) || s.contains(HEADER_SECRET)));
    }
}
