package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.Switchboard;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every server has its breaker and health gauges, those a reload adds as much as those of the start. */
class BindsGaugesOfEveryServerTest {

    @Test
    void aServerAddedByAReloadGetsItsGaugesLikeTheOthers() {
        var registry = new SimpleMeterRegistry();
        try (RunningFakeServer server = FakeMcpServer.startHttp(FakeMcpServer.builder().name("s")
                .tool(FakeTool.echo("echo")).build())) {
            var first = HttpServer.of("first", URI.create(server.url()));
            var added = HttpServer.of("added", URI.create(server.url()));
            try (var sb = Switchboard.builder(SwitchboardConfig.of(List.of(first))).meterRegistry(registry).start()) {
                assertThat(registry.find("switchboard.breaker.state").tag("server", "first").gauge()).isNotNull();
                assertThat(registry.find("switchboard.server.health").tag("server", "added").gauge()).isNull();

                sb.reload(SwitchboardConfig.of(List.of(first, added)));
                sb.checkHealth();

                assertThat(registry.find("switchboard.breaker.state").tag("server", "added").gauge().value())
                        .isZero();
                assertThat(registry.find("switchboard.server.health").tag("server", "added").gauge().value())
                        .as("healthy").isEqualTo(1.0);
            }
        }
    }
}
