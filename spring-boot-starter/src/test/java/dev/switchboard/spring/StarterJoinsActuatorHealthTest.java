package dev.switchboard.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;

/** With Boot's health support the indicator is registered as {@code switchboard}, and it can be turned off. */
class StarterJoinsActuatorHealthTest {

    @Test
    void theContributorIsNamedSwitchboard() {
        try (RunningFakeServer server = FakeMcpServer.startHttp(FakeMcpServer.builder().name("h")
                .tool(FakeTool.echo("echo")).build())) {
            StarterFixtures.runner()
                    .withConfiguration(AutoConfigurations.of(HealthContributorRegistryAutoConfiguration.class))
                    .withPropertyValues(StarterFixtures.http("api", server))
                    .run(context -> {
                        var contributor = context.getBean(HealthContributorRegistry.class)
                                .getContributor("switchboard");
                        assertThat(contributor).isInstanceOf(HealthIndicator.class);
                        assertThat(((HealthIndicator) contributor).health().getStatus()).isEqualTo(Status.UP);
                    });
            StarterFixtures.runner()
                    .withPropertyValues("management.health.switchboard.enabled=false")
                    .withPropertyValues(StarterFixtures.http("api", server))
                    .run(context -> assertThat(context).hasNotFailed()
                            .doesNotHaveBean(SwitchboardHealthIndicator.class));
        }
    }
}
