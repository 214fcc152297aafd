package dev.switchboard.config;

import dev.switchboard.internal.util.Check;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A whole, valid Switchboard configuration: the servers in configuration order, the cross-server policies, and the
 * warnings the loader had about it.
 *
 * <p>Build one with {@link ConfigLoader} from a file, or directly in code.
 */
public record SwitchboardConfig(List<ServerConfig> servers, Orchestration orchestration, LogSettings logging,
        List<String> warnings) {

    public SwitchboardConfig {
        servers = List.copyOf(servers);
        Objects.requireNonNull(orchestration, "orchestration");
        Objects.requireNonNull(logging, "logging");
        warnings = List.copyOf(warnings);
        Set<String> names = new HashSet<>();
        for (ServerConfig s : servers) {
            Check.argument(names.add(s.name()), "servers.%s: duplicate name (expected: unique names)", s.name());
        }
    }

    /** A configuration of these servers with default policies. */
    public static SwitchboardConfig of(List<? extends ServerConfig> servers) {
        return new SwitchboardConfig(List.copyOf(servers), Orchestration.DEFAULT, LogSettings.DEFAULT, List.of());
    }

    public Optional<ServerConfig> server(String name) {
        return servers.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
