package dev.switchboard.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.Switchboard;
import dev.switchboard.config.GatewaySettings;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.gateway.Gateway;
import dev.switchboard.testing.CallLedger;
import dev.switchboard.testing.ResourceBaseline;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
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
                clients.add(client(gateway.url()));
            }
            try (Load load = new Load(Fleet.SERVERS, Chaos.CALLERS, Chaos.DEADLINE,
                    (server, caller, seq) -> call(clients.get(Math.floorMod(caller, CLIENTS)), server, caller, seq))) {
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

    private static String call(McpSyncClient client, String server, int caller, long seq) {
        try {
            McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest(server + "__echo",
                    Map.of("caller", caller, "seq", seq)));
            if (!Boolean.TRUE.equals(r.isError())) {
                return CallLedger.OK;
            }
            // A failure of the server comes as a tool error carrying the library's code.
            Object error = r.meta() == null ? null : r.meta().get("dev.switchboard/error");
            return error instanceof Map<?, ?> m ? String.valueOf(m.get("code")) : "tool-error: " + r.content();
        } catch (McpError e) {
            return "rpc-error " + e.getJsonRpcError().code() + ": " + e.getMessage();
        }
    }

    private static McpSyncClient client(URI url) {
        var transport = HttpClientStreamableHttpTransport.builder(url.getScheme() + "://" + url.getAuthority())
                .endpoint(url.getPath()).build();
        // Longer than any call may take: a call the gateway leaves unanswered shows as late, not as the client's.
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Chaos.DEADLINE.plusSeconds(20)).build();
        client.initialize();
        return client;
    }
}
