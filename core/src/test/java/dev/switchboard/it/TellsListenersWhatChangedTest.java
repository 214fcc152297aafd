package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.ErrorCode;
import dev.switchboard.HealthState;
import dev.switchboard.RecordingListener;
import dev.switchboard.ServerState;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardEvent.CallFinished;
import dev.switchboard.SwitchboardEvent.CatalogChanged;
import dev.switchboard.SwitchboardEvent.CatalogPart;
import dev.switchboard.SwitchboardEvent.ConfigReloaded;
import dev.switchboard.SwitchboardEvent.HealthChanged;
import dev.switchboard.SwitchboardEvent.ServerStateChanged;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A listener hears, in order and on a thread of its own, what changes in a running Switchboard: states, health,
 * the catalog (with a growing version), finished calls and reloads; the last events arrive before close returns.
 */
class TellsListenersWhatChangedTest {
    private RunningFakeServer server;
    private final RecordingListener heard = new RecordingListener();
    private final ManualProbes probes = new ManualProbes();

    @BeforeEach
    void startServer() {
        server = FakeMcpServer.startHttp(FakeMcpServer.builder().name("fake")
                .tool(FakeTool.echo("echo"), FakeTool.error("oops", "bad row")).build());
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private SwitchboardConfig config() {
        return SwitchboardConfig.of(List.of(HttpServer.of("fake", URI.create(server.url()))));
    }

    private List<ServerState> states() {
        return heard.of(ServerStateChanged.class).stream().filter(e -> e.server().equals("fake"))
                .map(e -> e.status().state()).toList();
    }

    @Test
    void statesHealthCatalogCallsAndReloadsArriveInOrderOffTheIoThreads() {
        Switchboard sb = Switchboard.builder(config()).listener(heard).probeScheduler(probes).start();
        try {
            await().until(() -> states().equals(List.of(ServerState.CONNECTING, ServerState.READY)));
            ServerStateChanged first = heard.of(ServerStateChanged.class).get(0);
            assertThat(first.previous()).isNull();
            assertThat(heard.of(ServerStateChanged.class).get(1).previous()).isEqualTo(ServerState.CONNECTING);
            await().until(() -> !heard.of(CatalogChanged.class).isEmpty());
            CatalogChanged connected = heard.of(CatalogChanged.class).get(0);
            assertThat(connected.parts()).containsExactlyInAnyOrder(CatalogPart.values());
            assertThat(connected.version()).isPositive().isEqualTo(sb.catalogVersion());

            probes.probe("fake");
            await().until(() -> !heard.of(HealthChanged.class).isEmpty());
            HealthChanged healthy = heard.of(HealthChanged.class).get(0);
            assertThat(healthy.previous()).isEqualTo(HealthState.UNKNOWN);
            assertThat(healthy.status().health().state()).isEqualTo(HealthState.HEALTHY);

            sb.call("fake", "echo", Map.of("x", 1));
            sb.call("fake", "oops", Map.of());
            await().until(() -> heard.of(CallFinished.class).size() == 2);
            List<CallFinished> calls = heard.of(CallFinished.class);
            assertThat(calls).extracting(CallFinished::tool).containsExactly("echo", "oops");
            assertThat(calls).extracting(CallFinished::error).containsExactly(null, ErrorCode.TOOL_ERROR);
            assertThat(calls).allSatisfy(c -> assertThat(c.attempts()).isEqualTo(1));

            sb.disable("fake");
            await().until(() -> states().contains(ServerState.DISABLED));
            var reload = sb.reload(SwitchboardConfig.of(List.of()));
            await().until(() -> heard.of(ConfigReloaded.class).size() == 1);
            assertThat(heard.of(ConfigReloaded.class).get(0).result()).isEqualTo(reload);
            assertThat(reload.removed()).containsExactly("fake");
            assertThat(heard.of(CatalogChanged.class)).as("the lost session changed the catalog again")
                    .hasSizeGreaterThan(1).extracting(CatalogChanged::version).isSorted();
        } finally {
            sb.close();
        }
        assertThat(states()).containsSubsequence(ServerState.CONNECTING, ServerState.READY, ServerState.CLOSED,
                ServerState.DISABLED, ServerState.CLOSED);
        assertThat(heard.heard()).extracting(RecordingListener.Heard::thread)
                .allSatisfy(t -> assertThat(t).startsWith("switchboard-listener-"));
    }

    @Test
    void aRemovedListenerHearsNothingMore() {
        try (Switchboard sb = Switchboard.start(config())) {
            sb.addListener(heard);
            sb.call("fake", "echo", Map.of());
            await().until(() -> heard.of(CallFinished.class).size() == 1);
            sb.removeListener(heard);
            sb.call("fake", "echo", Map.of());
            sb.addListener(new RecordingListener()); // the hub still delivers to others
        }
        assertThat(heard.of(CallFinished.class)).hasSize(1);
        assertThat(Leftovers.now(-1).threads()).noneMatch(n -> n.startsWith("switchboard-listener-"));
    }
}
