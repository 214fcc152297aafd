package dev.switchboard.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.Switchboard;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Environment variables reach the configuration as they do from a file: {@code ${VAR}} is resolved by core (not by
 * Spring), and core's own SWITCHBOARD_* variables are not mistaken for {@code switchboard.*} properties.
 */
class StarterLeavesEnvironmentVariablesToCoreTest {

    @Test
    void coresOwnVariablesAreNotReadAsProperties() {
        try (RunningFakeServer server = FakeMcpServer.startHttp(FakeMcpServer.builder().name("env")
                .tool(FakeTool.echo("echo")).build())) {
            StarterFixtures.runner()
                    .withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                            new SystemEnvironmentPropertySource("systemEnvironment", Map.of(
                                    "SWITCHBOARD_TOKEN_KEY", "c2VjcmV0LWtleS1ub3QtcmVhbC0zMi1ieXRlcy0xMjM0",
                                    "SWITCHBOARD_SET", "servers.api.priority=7"))))
                    .withPropertyValues(StarterFixtures.http("api", server))
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        assertThat(context.getBean(Switchboard.class).status("api").ready()).isTrue();
                    });
        }
    }

    @Test
    void aVariableReferenceIsResolvedByCoreNotBySpring() {
        StarterFixtures.runner()
                .withPropertyValues("STARTER_TEST_UNSET_VARIABLE=resolved-by-spring",
                        "switchboard.servers.api.url=http://127.0.0.1:1/mcp",
                        "switchboard.servers.api.headers.Authorization=Bearer ${STARTER_TEST_UNSET_VARIABLE}")
                .run(context -> {
                    assertThat(context).hasFailed();
                    String message = rootMessage(context.getStartupFailure());
                    assertThat(message).contains("switchboard.servers.api.headers.Authorization")
                            .contains("STARTER_TEST_UNSET_VARIABLE").doesNotContain("resolved-by-spring");
                });
    }

    private static String rootMessage(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
