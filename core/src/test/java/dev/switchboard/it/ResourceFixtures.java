package dev.switchboard.it;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.LogSettings;
import dev.switchboard.config.Orchestration;
import dev.switchboard.config.ResourcePolicy;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.config.ServerOptions;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.RunningFakeServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/** Server configurations, policies and log capture for the resource tests. */
public final class ResourceFixtures {
    private ResourceFixtures() {
    }

    /** Optional, one connection attempt, this priority and these domains. */
    public static ServerOptions options(int priority, String... domains) {
        return ServerOptions.builder().priority(priority).domains(List.of(domains))
                .connectTimeout(Duration.ofSeconds(30)).requestTimeout(Duration.ofSeconds(30)).retry(Stdio.ONE_ATTEMPT)
                .build();
    }

    public static HttpServer http(String name, RunningFakeServer server, ServerOptions options) {
        return HttpServer.builder(name, URI.create(server.url())).options(options).build();
    }

    /** With these resource limits, logging down to DEBUG: the resource tests read the library's log events. */
    public static SwitchboardConfig config(ResourcePolicy policy, List<? extends ServerConfig> servers) {
        return SwitchboardConfig.builder().servers(servers).orchestration(Orchestration.builder().resources(policy)
                .build()).logging(LogSettings.builder().level("DEBUG").build()).build();
    }

    /** Captures the log events of {@code dev.switchboard.internal.resources} while open. */
    static final class Events implements AutoCloseable {
        private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
        private final Logger logger = (Logger) LoggerFactory.getLogger("dev.switchboard.internal.resources");
        private final Level previous = logger.getLevel();

        Events() {
            logger.setLevel(Level.DEBUG);
            appender.start();
            logger.addAppender(appender);
        }

        /** The events with this name (the message), oldest first. */
        List<ILoggingEvent> named(String event) {
            return List.copyOf(appender.list).stream().filter(e -> e.getMessage().equals(event)).toList();
        }

        static Map<String, Object> fields(ILoggingEvent e) {
            return e.getKeyValuePairs() == null ? Map.of() : e.getKeyValuePairs().stream()
                    .filter(kv -> kv.value != null)
                    .collect(Collectors.toMap(kv -> kv.key, kv -> kv.value, (a, b) -> b));
        }

        static String field(ILoggingEvent e, String key) {
            return Objects.toString(fields(e).get(key), null);
        }

        @Override
        public void close() {
            logger.detachAppender(appender);
            logger.setLevel(previous);
        }
    }
}
