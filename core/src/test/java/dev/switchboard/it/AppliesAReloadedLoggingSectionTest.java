package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.switchboard.ReloadResult;
import dev.switchboard.Switchboard;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.LogSettings;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.internal.observe.LogEvents;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A reload that changes only the {@code logging} section applies at once, to the parts the reload keeps too: the
 * connection (its session untouched), its health monitor and the call executor.
 */
class AppliesAReloadedLoggingSectionTest {

    @Test
    void loweringTheLevelShowsTheKeptPartsEventsAndDisablingSilencesThem() {
        try (var logs = new LibraryLogs();
                RunningFakeServer fake = FakeMcpServer.startHttp(FakeMcpServer.builder().name("fake")
                        .tool(FakeTool.echo("echo")).build())) {
            var warn = SwitchboardConfig.builder().servers(List.of(HttpServer.builder("svc", URI.create(fake.url()))
                    .build())).logging(LogSettings.builder().level("warn").build()).build();
            try (var sb = Switchboard.builder(warn).probeScheduler(new ManualProbes()).start()) {
                sb.call("svc", "echo", Map.of());
                // Only this instance's events count (other tests' leftovers may log through the same loggers).
                assertThat(logs.about("svc")).as("at WARN, a healthy start and a call log nothing").isEmpty();
                assertThat(logs.named(LogEvents.SWITCHBOARD_STARTED)).isEmpty();

                ReloadResult kept = sb.reload(warn.toBuilder().logging(LogSettings.builder().level("debug").build())
                        .build());
                assertThat(kept.unchanged()).containsExactly("svc");
                sb.checkHealth();
                sb.call("svc", "echo", Map.of());
                assertThat(logs.about("svc")).extracting(ILoggingEvent::getMessage)
                        .containsExactly(LogEvents.HEALTH_CHANGED, LogEvents.CALL_DONE);

                sb.reload(warn.toBuilder().logging(LogSettings.builder().enabled(false).build()).build());
                int before = logs.about("svc").size();
                sb.call("svc", "echo", Map.of());
                sb.reconnect("svc");
                assertThat(logs.about("svc")).as("disabled: nothing more").hasSize(before);
                assertThat(logs.named(LogEvents.SWITCHBOARD_RELOADED)).as("the first reload only, at DEBUG").hasSize(1);
            }
        }
    }
}
