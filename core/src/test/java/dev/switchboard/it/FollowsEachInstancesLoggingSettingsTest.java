package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.switchboard.Switchboard;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.LogSettings;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.internal.observe.LogEvents;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import dev.switchboard.testing.Scenario;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two Switchboards in one JVM, one at {@code logging.level: debug} and one with {@code logging.enabled: false}: the
 * first logs its connection and its calls down to DEBUG, the second nothing at all, although both log through the
 * same loggers and Logback lets everything through.
 */
class FollowsEachInstancesLoggingSettingsTest {

    @Test
    void aDebugInstanceLogsItsEventsAndADisabledOneNothing() {
        try (var logs = new LibraryLogs();
                RunningFakeServer loudFake = FakeMcpServer.startHttp(scenario("loud-fake"));
                RunningFakeServer quietFake = FakeMcpServer.startHttp(scenario("quiet-fake"))) {
            try (var loud = Switchboard.start(config("loud", loudFake, LogSettings.builder().level("debug").build()));
                    // Its level alone would let everything through: off means off.
                    var quiet = Switchboard.start(config("quiet", quietFake,
                            LogSettings.builder().enabled(false).level("debug").build()))) {
                assertThat(loud.call("loud", "echo", Map.of("k", "v")).text()).contains("v");
                assertThat(quiet.call("quiet", "echo", Map.of("k", "v")).text()).contains("v");
            }

            List<ILoggingEvent> loud = logs.about("loud");
            assertThat(loud).extracting(ILoggingEvent::getMessage)
                    .contains(LogEvents.UPSTREAM_CONNECTING, LogEvents.UPSTREAM_READY, LogEvents.UPSTREAM_CLOSED);
            assertThat(loud).filteredOn(e -> e.getMessage().equals(LogEvents.CALL_DONE))
                    .singleElement().extracting(ILoggingEvent::getLevel).isEqualTo(Level.DEBUG);
            assertThat(logs.about("quiet")).isEmpty();
            assertThat(logs.all()).noneMatch(e -> e.getKeyValuePairs() != null && e.getKeyValuePairs().stream()
                    .anyMatch(kv -> String.valueOf(kv.value).contains("quiet")));
            // The events of a whole instance, which name no server, come from the loud one alone.
            assertThat(logs.named(LogEvents.SWITCHBOARD_STARTED)).hasSize(1);
            assertThat(logs.named(LogEvents.SWITCHBOARD_CLOSED)).hasSize(1);
        }
    }

    private static Scenario scenario(String name) {
        return FakeMcpServer.builder().name(name).tool(FakeTool.echo("echo")).build();
    }

    private static SwitchboardConfig config(String server, RunningFakeServer fake, LogSettings logging) {
        return SwitchboardConfig.builder().servers(List.of(HttpServer.builder(server, URI.create(fake.url())).build()))
                .logging(logging).build();
    }
}
