package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/**
 * The access log: one {@code gateway.access} event at INFO per HTTP request, whatever answered it (an endpoint, a
 * probe, a refusal, an unknown path), with method, path, status, duration and the caller's token name; never the
 * query, which can carry a session id.
 */
class LogsEachRequestOnceTest {
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(AccessLog.class);

    @BeforeEach
    void capture() {
        captured.start();
        logger.addAppender(captured);
    }

    @AfterEach
    void release() {
        logger.detachAppender(captured);
    }

    @Test
    void everyRequestIsLoggedOnceWithoutItsQuery() {
        try (Fixture fixture = Fixture.start(List.of(Fixture.stdio("alpha",
                FakeMcpServer.builder().name("alpha").tool(FakeTool.echo("echo")).build())))) {
            RawClient raw = new RawClient(fixture.url());
            String session = raw.initialize("2025-11-25"); // POST initialize, POST initialized
            raw.post(RawClient.request(2, "tools/list", "{}"), Map.of("Mcp-Session-Id", "gone"));
            URI base = fixture.url();
            Scrape.get(base.resolve("/healthz"));
            Scrape.get(base.resolve("/nowhere"));
            Scrape.get(base.resolve("/message?sessionId=" + session));

            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> captured.list.size() >= 6);
            List<ILoggingEvent> logged;
            synchronized (captured) { // the appender's own lock: the access log is written on Jetty's threads
                logged = List.copyOf(captured.list);
            }
            List<Map<String, Object>> events = logged.stream().map(LogsEachRequestOnceTest::fields).toList();

            assertThat(logged).allSatisfy(e -> {
                assertThat(e.getMessage()).isEqualTo("gateway.access");
                assertThat(e.getLevel()).isEqualTo(Level.INFO);
            });
            assertThat(events).extracting(e -> e.get("method") + " " + e.get("path") + " " + e.get("status"))
                    .containsExactlyInAnyOrder("POST /mcp 200", "POST /mcp 202", "POST /mcp 404", "GET /healthz 200",
                            "GET /nowhere 404", "GET /message 405");
            assertThat(events).allSatisfy(e -> {
                assertThat(e.get("token_name")).isEqualTo("anyone");
                assertThat(e.get("duration_ms")).isInstanceOf(Long.class);
                assertThat(e.get("client")).isEqualTo("127.0.0.1");
            });
            assertThat(events.toString()).contains("/message").doesNotContain(session);
        }
    }

    private static Map<String, Object> fields(ILoggingEvent event) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (KeyValuePair kv : event.getKeyValuePairs()) {
            fields.put(kv.key, kv.value);
        }
        return fields;
    }
}
