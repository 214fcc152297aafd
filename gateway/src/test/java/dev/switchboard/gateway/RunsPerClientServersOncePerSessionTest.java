package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.switchboard.Switchboard;
import dev.switchboard.config.GatewaySettings;
import dev.switchboard.config.SessionPolicy;
import dev.switchboard.config.StdioServer;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.Scenario;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A {@code session: per_client} stdio server behind the gateway: no process until a client uses it, one process per
 * client session (its calls reach its own), none once the sessions end, and a session beyond {@code max_sessions}
 * refused with an error that names the limit; shared servers stay one process for everyone.
 */
class RunsPerClientServersOncePerSessionTest {
    private static final Scenario OWN = FakeMcpServer.builder().name("own").tool(FakeTool.echo("echo")).build();
    private static final Scenario SHARED = FakeMcpServer.builder().name("shared").tool(FakeTool.echo("echo")).build();

    @Test
    void eachSessionGetsItsOwnProcessAndNothingIsLeftWhenTheyEnd() {
        StdioServer own = Fixture.stdio("own", OWN);
        own = own.withOptions(own.options().toBuilder().session(SessionPolicy.builder()
                .mode(SessionPolicy.Mode.PER_CLIENT).maxSessions(2).build()).build());
        var full = SwitchboardConfig.builder().servers(List.of(own, Fixture.stdio("shared", SHARED)))
                .gateway(GatewaySettings.builder().port(0).build()).build();
        try (var sb = Switchboard.builder(full).onlyServers(Gateway::shared).start();
                var gateway = Gateway.start(sb, full.gateway(), full)) {
            var fixture = new Fixture(sb, gateway);
            assertThat(Fixture.processesOf(OWN)).isEmpty();
            assertThat(Fixture.processesOf(SHARED)).hasSize(1);

            McpSyncClient a = fixture.javaClient();
            McpSyncClient b = fixture.javaClient();
            assertThat(a.listTools().tools()).extracting(McpSchema.Tool::name)
                    .containsExactlyInAnyOrder("own__echo", "shared__echo");
            assertThat(Fixture.processesOf(OWN)).hasSize(1);
            var answer = b.callTool(McpSchema.CallToolRequest.builder("own__echo").arguments(Map.of("from", "b"))
                    .build());
            assertThat(answer.content().toString()).contains("from");
            assertThat(Fixture.processesOf(OWN)).hasSize(2);
            assertThat(gateway.perClientSessionCount()).isEqualTo(2);

            McpSyncClient c = fixture.javaClient();
            assertThatThrownBy(c::listTools).hasMessageContaining("session.max_sessions");
            c.close();

            a.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> Fixture.processesOf(OWN).size() == 1);
            b.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> Fixture.processesOf(OWN).isEmpty());
            assertThat(gateway.perClientSessionCount()).isZero();
            assertThat(Fixture.processesOf(SHARED)).hasSize(1);
        }
    }
}
