package dev.switchboard.internal.engine;

import dev.switchboard.ClientHandlers;
import dev.switchboard.SwitchboardListener;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.spi.ProbeScheduler;
import dev.switchboard.spi.Sleeper;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * What an engine is started with, as the facade's builder collected it.
 *
 * @param awaitOptionalServers whether the start also waits for optional servers to settle, not only for their first
 *     attempt
 * @param configFile the file the configuration came from (for reload and watching), or null
 * @param loader the loader that read it, or null
 * @param meterRegistry a Micrometer {@code MeterRegistry}, or null; typed {@code Object} so that Micrometer, an
 *     optional dependency, is only loaded when one is given
 * @param userSessionsPerServer the most sessions kept per server for calls with user credentials
 * @param userSessionIdle how long such a session may stay unused before it is closed
 * @param tracing the spans of calls, connection attempts and gatherings
 */
public record EngineSettings(SwitchboardConfig config, Clock clock, Sleeper sleeper, ProbeScheduler probes,
        boolean failOnRequired, boolean awaitOptionalServers, Path configFile, ConfigLoader loader,
        Object meterRegistry, ClientHandlers handlers,
        List<SwitchboardListener> listeners, java.util.function.Predicate<dev.switchboard.config.ServerConfig> only,
        dev.switchboard.internal.auth.TokenStore tokenStore, int userSessionsPerServer,
        java.time.Duration userSessionIdle, dev.switchboard.internal.tracing.Tracing tracing) {

    public EngineSettings {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(probes, "probes");
        Objects.requireNonNull(handlers, "handlers");
        Objects.requireNonNull(only, "only");
        Objects.requireNonNull(tracing, "tracing");
        config = ownPart(config, only);
        listeners = List.copyOf(listeners);
    }

    /** The configuration without the servers an instance leaves to someone else. */
    static SwitchboardConfig ownPart(SwitchboardConfig full,
            java.util.function.Predicate<dev.switchboard.config.ServerConfig> only) {
        var servers = full.servers().stream().filter(only).toList();
        return servers.size() == full.servers().size() ? full : full.toBuilder().servers(servers).build();
    }
}
