package dev.switchboard.internal.call;

import dev.switchboard.BreakerState;
import dev.switchboard.ErrorCode;
import dev.switchboard.HealthState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Publishes the call numbers to a Micrometer registry: {@code switchboard.calls} (a timer per server, tool and
 * outcome, with p50/p95/p99), {@code switchboard.calls.in_flight} (per server and tool),
 * {@code switchboard.breaker.state} (per server: 0 closed, 1 half-open, 2 open) and {@code switchboard.server.health}
 * (per server: 0 unknown, 1 healthy, 2 degraded, 3 unhealthy). Servers added later (by a reload) are bound too.
 *
 * <p>Only this class touches Micrometer, which is an optional dependency: it is loaded only when an application
 * passes a registry.
 */
final class MicrometerBinding implements CallMetrics.Sink {
    private record Key(String server, String tool, String outcome) {
    }

    private final MeterRegistry registry;
    private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

    MicrometerBinding(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Binds each server's gauges; binding a server again is harmless (Micrometer keeps the first gauge). */
    void bindServers(List<String> servers, Function<String, BreakerState> breakers,
            Function<String, HealthState> health) {
        for (String server : servers) {
            Gauge.builder("switchboard.breaker.state", () -> switch (breakers.apply(server)) {
                case CLOSED -> 0;
                case HALF_OPEN -> 1;
                case OPEN -> 2;
            }).tag("server", server).description("circuit breaker: 0 closed, 1 half-open, 2 open")
                    .register(registry);
            Gauge.builder("switchboard.server.health", () -> switch (health.apply(server)) {
                case UNKNOWN -> 0;
                case HEALTHY -> 1;
                case DEGRADED -> 2;
                case UNHEALTHY -> 3;
            }).tag("server", server).description("health: 0 unknown, 1 healthy, 2 degraded, 3 unhealthy")
                    .register(registry);
        }
    }

    @Override
    public void toolSeen(String server, String tool, ToolMeter meter) {
        Gauge.builder("switchboard.calls.in_flight", meter.inFlightCounter(), Number::doubleValue)
                .tags("server", server, "tool", tool).description("tool calls running now").register(registry);
    }

    @Override
    public void ended(String server, String tool, ErrorCode code, long nanos) {
        String outcome = code == null ? "ok" : code.name();
        timers.computeIfAbsent(new Key(server, tool, outcome), k -> Timer.builder("switchboard.calls")
                .tags("server", server, "tool", tool, "outcome", outcome)
                .description("tool calls by outcome (ok, or the ErrorCode; TOOL_ERROR for isError results)")
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }
}
