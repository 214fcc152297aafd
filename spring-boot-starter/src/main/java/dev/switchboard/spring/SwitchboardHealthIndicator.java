package dev.switchboard.spring;

import dev.switchboard.ErrorInfo;
import dev.switchboard.HealthState;
import dev.switchboard.ServerState;
import dev.switchboard.ServerStatus;
import dev.switchboard.Switchboard;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The Actuator health of a Switchboard ({@code switchboard}): UP while every enabled required server is ready and
 * not unhealthy, DOWN otherwise; optional servers are reported in the details but never make it DOWN.
 *
 * <p>Reads the status snapshots Switchboard keeps up to date (it probes servers on its own schedule), so asking for
 * health sends nothing to the servers. Details hold no secrets: error messages are masked by core.
 */
public final class SwitchboardHealthIndicator implements HealthIndicator {
    private final Switchboard switchboard;

    /** Reports on {@code switchboard}. */
    public SwitchboardHealthIndicator(Switchboard switchboard) {
        this.switchboard = Objects.requireNonNull(switchboard, "switchboard");
    }

    @Override
    public Health health() {
        List<String> down = new ArrayList<>();
        Map<String, Object> servers = new LinkedHashMap<>();
        for (ServerStatus s : switchboard.status()) {
            servers.put(s.name(), details(s));
            if (s.required() && !isUp(s)) {
                down.add(s.name());
            }
        }
        Health.Builder health = down.isEmpty() ? Health.up() : Health.down().withDetail("requiredServersDown", down);
        return health.withDetail("servers", servers).build();
    }

    /** Whether a required server counts as up; one an operator disabled was taken out on purpose and does. */
    private static boolean isUp(ServerStatus s) {
        return s.state() == ServerState.DISABLED
                || s.state() == ServerState.READY && s.health().state() != HealthState.UNHEALTHY;
    }

    private static Map<String, Object> details(ServerStatus s) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("state", s.state().name());
        d.put("required", s.required());
        d.put("transport", s.transport().name());
        d.put("health", s.health().state().name());
        if (s.health().reason() != null) {
            d.put("healthReason", s.health().reason());
        }
        d.put("breaker", s.breaker().name());
        d.put("tools", s.toolCount());
        ErrorInfo error = s.lastError();
        if (error != null) {
            d.put("lastError", Map.of("code", error.code().name(), "message", error.message(),
                    "at", error.at().toString()));
        }
        return d;
    }
}
