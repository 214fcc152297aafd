package dev.switchboard.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.Switchboard;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** An application's own Switchboard bean replaces the auto-configured one, and health and tools use it. */
class StarterYieldsToUserSwitchboardTest {

    @Configuration(proxyBeanMethods = false)
    static class OwnSwitchboard {
        @Bean
        Switchboard mine(RunningFakeServer server) {
            return Switchboard.start(SwitchboardConfig.of(List.of(HttpServer.of("mine", URI.create(server.url())))));
        }
    }

    @Test
    void theUsersBeanWinsAndNoPropertiesAreRead() {
        try (RunningFakeServer server = FakeMcpServer.startHttp(FakeMcpServer.builder().name("mine")
                .tool(FakeTool.echo("echo")).build())) {
            StarterFixtures.runner()
                    // Would fail the auto-configured Switchboard, had it been made.
                    .withPropertyValues("switchboard.servers.bad.url=not a url")
                    .withBean(RunningFakeServer.class, () -> server)
                    .withUserConfiguration(OwnSwitchboard.class)
                    .run(context -> {
                        assertThat(context).hasNotFailed().hasSingleBean(Switchboard.class).hasBean("mine")
                                .doesNotHaveBean("switchboard");
                        var health = context.getBean(SwitchboardHealthIndicator.class).health();
                        assertThat(health.getStatus()).isEqualTo(Status.UP);
                        assertThat(((Map<?, ?>) health.getDetails().get("servers")).keySet()).isEqualTo(Set.of("mine"));
                        assertThat(context.getBean(SwitchboardToolCallbackProvider.class).getToolCallbacks())
                                .extracting(c -> c.getToolDefinition().name()).containsExactly("mine__echo");
                    });
        }
    }
}
