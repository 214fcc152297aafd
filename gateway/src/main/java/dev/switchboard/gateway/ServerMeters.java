package dev.switchboard.gateway;

import dev.switchboard.ServerState;
import dev.switchboard.ServerStatus;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardEvent;
import dev.switchboard.SwitchboardListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToDoubleFunction;

/**
 * Each server's connection as gauges read from {@link Switchboard#status(String)} when scraped:
 * {@code switchboard.server.state} (1 for the state it is in, 0 for the others, labelled whether it is required),
 * {@code switchboard.server.restarts} and {@code switchboard.server.connect.attempts}. The set of servers follows
 * reloads. Calls, breakers and health come from the library's own Micrometer binding, when it has the registry.
 */
final class ServerMeters implements SwitchboardListener {
    private final Switchboard switchboard;
    private final MultiGauge states;
    private final MultiGauge restarts;
    private final MultiGauge attempts;
    private final ReentrantLock refreshing = new ReentrantLock();

    ServerMeters(Switchboard switchboard, MeterRegistry registry) {
        this.switchboard = switchboard;
        this.states = MultiGauge.builder("switchboard.server.state")
                .description("1 for the state each server's connection is in (DISABLED, CONNECTING, READY, RETRYING,"
                        + " FAILED, CLOSED), 0 for the others").register(registry);
        this.restarts = MultiGauge.builder("switchboard.server.restarts")
                .description("restarts since the server was last stable (restart.stable_after)").register(registry);
        this.attempts = MultiGauge.builder("switchboard.server.connect.attempts")
                .description("connection attempts since the last success").register(registry);
        refresh();
    }

    /** Follows the set of servers: a reload may add or remove some. */
    void refresh() {
        List<ServerStatus> servers = switchboard.status();
        refreshing.lock(); // MultiGauge replaces its rows in several steps
        try {
            states.register(servers.stream().flatMap(s -> Arrays.stream(ServerState.values()).map(state ->
                    MultiGauge.Row.of(Tags.of("server", s.name(), "required", Boolean.toString(s.required()),
                            "state", state.name()), switchboard, sb -> read(sb, s.name(),
                            now -> now.state() == state ? 1 : 0)))).toList(), true);
            restarts.register(servers.stream().map(s -> MultiGauge.Row.of(Tags.of("server", s.name()), switchboard,
                    sb -> read(sb, s.name(), now -> now.health().restarts()))).toList(), true);
            attempts.register(servers.stream().map(s -> MultiGauge.Row.of(Tags.of("server", s.name()), switchboard,
                    sb -> read(sb, s.name(), ServerStatus::attempts))).toList(), true);
        } finally {
            refreshing.unlock();
        }
    }

    /** Takes the rows out of the registry, which may outlive the gateway. */
    void close() {
        refreshing.lock();
        try {
            states.register(List.of(), true);
            restarts.register(List.of(), true);
            attempts.register(List.of(), true);
        } finally {
            refreshing.unlock();
        }
    }

    @Override
    public void configReloaded(SwitchboardEvent.ConfigReloaded event) {
        refresh();
    }

    private static double read(Switchboard switchboard, String server, ToDoubleFunction<ServerStatus> value) {
        try {
            return value.applyAsDouble(switchboard.status(server));
        } catch (RuntimeException e) {
            return Double.NaN; // removed by a reload since the last refresh
        }
    }
}
