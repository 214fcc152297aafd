package dev.switchboard.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Required servers decide UP or DOWN; optional ones are only reported. */
class StarterReportsRequiredServersInHealthTest {
    /** A stdio "server" that exits at once: it can never connect. */
    private static final List<String> EXITS = List.of("/bin/sh", "-c", "exit 3");
    private static RunningFakeServer good;

    @BeforeAll
    static void startServer() {
        good = FakeMcpServer.startHttp(FakeMcpServer.builder().name("good").tool(FakeTool.echo("echo")).build());
    }

    @AfterAll
    static void stopServer() {
        good.close();
    }

    private static ApplicationContextRunner runner(boolean brokenIsRequired) {
        return StarterFixtures.runner()
                .withPropertyValues("switchboard.fail-on-required-servers=false")
                .withPropertyValues(StarterFixtures.http("good", good, "required=true"))
                .withPropertyValues(StarterFixtures.command("broken", EXITS, "required=" + brokenIsRequired,
                        "retry.attempts=1"));
    }

    @Test
    void aRequiredServerThatCannotConnectMakesItDown() {
        runner(true).run(context -> {
            assertThat(context).hasNotFailed();
            Health health = context.getBean(SwitchboardHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("requiredServersDown", List.of("broken"));
            Map<String, Map<String, Object>> servers = servers(health);
            assertThat(servers.get("good")).containsEntry("state", "READY");
            assertThat(servers.get("broken").get("state")).isNotEqualTo("READY");
            @SuppressWarnings("unchecked")
            var error = (Map<String, Object>) servers.get("broken").get("lastError");
            assertThat(error).containsKeys("code", "message");
            assertThat((String) error.get("message")).contains("broken");
        });
    }

    @Test
    void anOptionalServerThatCannotConnectLeavesItUp() {
        runner(false).run(context -> {
            Health health = context.getBean(SwitchboardHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(servers(health).get("broken")).containsEntry("required", false).containsKey("lastError");
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> servers(Health health) {
        return (Map<String, Map<String, Object>>) health.getDetails().get("servers");
    }
}
