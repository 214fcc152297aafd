package dev.switchboard.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.ServerState;
import dev.switchboard.Switchboard;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** A context started from {@code switchboard.servers.*} properties connects its servers and reports them healthy. */
class StarterStartsFromPropertiesTest {

    @Test
    void aStdioServerWithListArgumentsConnectsAndIsReportedUp() {
        var scenario = FakeMcpServer.builder().name("props").tool(FakeTool.echo("echo")).build();
        StarterFixtures.runner()
                .withPropertyValues(StarterFixtures.stdio("local", scenario, "required=true"))
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(Switchboard.class);
                    Switchboard sb = context.getBean(Switchboard.class);
                    assertThat(sb.status("local").state()).isEqualTo(ServerState.READY);
                    assertThat(sb.status("local").required()).isTrue();

                    Health health = context.getBean("switchboardHealthIndicator", SwitchboardHealthIndicator.class)
                            .health();
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    @SuppressWarnings("unchecked")
                    var servers = (Map<String, Map<String, Object>>) health.getDetails().get("servers");
                    assertThat(servers.get("local")).containsEntry("state", "READY")
                            .containsEntry("required", true).containsEntry("breaker", "CLOSED")
                            .containsEntry("tools", 1).containsKey("health");
                });
    }
}
