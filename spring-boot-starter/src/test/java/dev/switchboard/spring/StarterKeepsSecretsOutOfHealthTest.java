package dev.switchboard.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

/** A server that refuses its credentials is DOWN in the health details, which never show the credentials. */
class StarterKeepsSecretsOutOfHealthTest {

    @Test
    void aRejectedTokenIsNotInTheHealthDetails() {
        // GITHUB_TOKEN is set for this module's tests (see its pom); the server wants another token.
        try (RunningFakeServer server = FakeMcpServer.startHttp(FakeMcpServer.builder().name("locked")
                .requireBearer("the-right-token").tool(FakeTool.echo("echo")).build())) {
            StarterFixtures.runner()
                    .withPropertyValues("switchboard.fail-on-required-servers=false")
                    .withPropertyValues(StarterFixtures.http("locked", server, "required=true",
                            "retry.attempts=1", "headers.Authorization=Bearer ${GITHUB_TOKEN}"))
                    .run(context -> {
                        var health = context.getBean(SwitchboardHealthIndicator.class).health();
                        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                        assertThat(health.getDetails().toString()).contains("locked").contains("lastError")
                                .doesNotContain(System.getenv("GITHUB_TOKEN"));
                    });
        }
    }
}
