package dev.switchboard.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.Switchboard;
import dev.switchboard.config.GatewaySettings;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.gateway.Gateway;
import dev.switchboard.testing.ResourceBaseline;
import io.modelcontextprotocol.client.McpSyncClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The library's chaos run, through the gateway: twenty callers share four MCP clients (the Java SDK over Streamable
 * HTTP) of one gateway in front of the six servers, while the servers suffer every fault, and a downstream client
 * hangs up in the middle of a call's stream. The same promises hold for what the clients see, and the closed
 * gateway leaves nothing behind.
 */
class ChaosThroughTheGatewayTest {
    private static final int CLIENTS = 4;

    @Test
    void everyCallIsAnsweredInTimeOnlyVictimsFailAndNothingLeaks() throws Exception {
        ResourceBaseline before = ResourceBaseline.afterWarmUp();
        List<String> broken = run();
        List<String> leaks = Chaos.leaksSince(before);
        System.out.println("chaos: gateway run, before " + before.summary() + "; after " + ResourceBaseline.now()
                .summary() + "; left behind: " + leaks);
        assertThat(broken).as("broken promises").isEmpty();
        assertThat(leaks).as("left behind").isEmpty();
    }

    private static List<String> run() throws Exception {
        List<McpSyncClient> clients = new ArrayList<>();
        var downs = new DownTimes();
        try (Fleet fleet = new Fleet();
                Switchboard sb = Switchboard.builder(SwitchboardConfig.builder().servers(fleet.configs(Chaos.DEADLINE))
                        .gateway(GatewaySettings.builder().port(0).build()).build()).listener(downs).start();
                Gateway gateway = Gateway.start(sb)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> sb.status().stream().allMatch(s -> s.ready()));
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(GatewayCall.client(gateway.url(), Chaos.DEADLINE.plusSeconds(20)));
            }
            try (Load load = new Load(Fleet.SERVERS, Chaos.CALLERS, Chaos.DEADLINE,
                    (server, caller, seq) -> GatewayCall.call(clients.get(Math.floorMod(caller, CLIENTS)),
                            server + "__echo", Map.of("caller", caller, "seq", seq)))) {
                var run = new ChaosRun(load, downs, Fleet.SERVERS, () -> Chaos.oneProcessEach(fleet));
                List<Fault> faults = Chaos.serverFaults(fleet, sb);
                faults.add(Fault.crash("a downstream client hangs up mid-stream", null,
                        () -> HangingUpClient.callAndHangUp(gateway.url(), fleet.expired)));
                run.play(faults, Chaos.ROUNDS);
                return run.verdict(Chaos.GRACE, load.stop());
            } finally {
                clients.forEach(McpSyncClient::closeGracefully);
            }
        }
    }
}
