package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.ErrorCode;
import dev.switchboard.HealthState;
import dev.switchboard.ServerState;
import dev.switchboard.Switchboard;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeServerProcess;
import dev.switchboard.testing.FakeTool;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Streamable HTTP server that was killed while nobody called it is noticed by the next probe: the probe's refused
 * connection loses the session at once, so the server is not READY (and calls wait for the reconnect) instead of
 * looking healthy until a call fails on it.
 */
class NoticesADeadHttpServerPromptlyTest {

    @Test
    void aProbeThatFindsNobodyLosesTheSessionAtOnce() throws Exception {
        var scenario = FakeMcpServer.builder().name("idle").tool(FakeTool.echo("echo")).build();
        try (FakeServerProcess child = FakeServerProcess.http(scenario, 0)) {
            var probes = new ManualProbes();
            var config = SwitchboardConfig.of(List.of(HttpServer.of("idle", child.url())));
            try (var sb = Switchboard.builder(config).probeScheduler(probes).sleeper(new GatedSleeper()).start()) {
                probes.probe("idle");
                assertThat(sb.status("idle").health().state()).isEqualTo(HealthState.HEALTHY);

                child.close();
                probes.probe("idle");

                var status = sb.status("idle");
                assertThat(status.state()).isNotEqualTo(ServerState.READY);
                assertThat(status.health().state()).isEqualTo(HealthState.UNHEALTHY);
                assertThat(status.lastError().code()).isEqualTo(ErrorCode.UNREACHABLE);
            }
        }
    }
}
