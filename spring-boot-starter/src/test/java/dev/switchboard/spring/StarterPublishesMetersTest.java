package dev.switchboard.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.ai.tool.ToolCallbackProvider;

/** Switchboard's meters land in the application's MeterRegistry. */
class StarterPublishesMetersTest {

    @Test
    void serverGaugesAndCallCountersAppearInTheApplicationsRegistry() {
        try (RunningFakeServer server = FakeMcpServer.startHttp(FakeMcpServer.builder().name("m")
                .tool(FakeTool.echo("echo")).build())) {
            StarterFixtures.runner()
                    .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                    .withPropertyValues(StarterFixtures.http("metered", server))
                    .run(context -> {
                        MeterRegistry registry = context.getBean(MeterRegistry.class);
                        assertThat(registry.find("switchboard.breaker.state").tag("server", "metered").gauge())
                                .isNotNull();
                        assertThat(registry.find("switchboard.server.health").tag("server", "metered").gauge())
                                .isNotNull();

                        Arrays.stream(context.getBean(ToolCallbackProvider.class).getToolCallbacks())
                                .filter(c -> c.getToolDefinition().name().equals("metered__echo"))
                                .findFirst().orElseThrow().call("{}");

                        assertThat(registry.get("switchboard.calls").tags("server", "metered", "tool", "echo",
                                "outcome", "ok").timer().count()).isEqualTo(1);
                    });
        }
    }
}
