package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.switchboard.ServerState;
import dev.switchboard.Switchboard;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.internal.observe.LogEvents;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code logging.level: warn} holds back the library's INFO and DEBUG events even when the application's Logback
 * writes everything, and lets WARN through: an optional server that cannot be reached is still reported.
 */
class LogsOnlyFromTheConfiguredLevelUpTest {

    @Test
    void infoEventsAreHeldBackAndAWarningStillAppears() {
        try (var logs = new LibraryLogs();
                RunningFakeServer up = FakeMcpServer.startHttp(FakeMcpServer.builder().name("up")
                        .tool(FakeTool.echo("echo")).build())) {
            SwitchboardConfig config = ConfigLoader.create().parse("""
                    logging: {level: warn}
                    servers:
                      up: {url: "%s"}
                      down: {url: "http://127.0.0.1:%d/mcp", retry: {attempts: 1}}
                    """.formatted(up.url(), Ports.unused()), "levels.yaml");
            try (var sb = Switchboard.builder(config).sleeper(new RecordingSleeper(0)).start()) {
                assertThat(sb.status("up").state()).isEqualTo(ServerState.READY);
                assertThat(sb.call("up", "echo", Map.of("k", "v")).text()).contains("v");
            }

            assertThat(logs.about("down")).extracting(ILoggingEvent::getMessage).contains(LogEvents.UPSTREAM_FAILED);
            assertThat(logs.all()).as("nothing below WARN").isNotEmpty()
                    .allMatch(e -> e.getLevel().isGreaterOrEqual(Level.WARN));
        }
    }
}
