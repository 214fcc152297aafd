package dev.switchboard;

import dev.switchboard.config.FailurePolicy;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one gather collected, read fresh from the servers: per server its resources, ordered by priority (lower
 * first), and, under {@link FailurePolicy#BEST_EFFORT}, every server that failed and why.
 *
 * @param policy the failure policy the gather ran under
 * @param servers the servers that answered, by priority then configuration order
 * @param failures the servers that failed, by priority (always empty under fail-fast: the gather throws instead)
 * @param duration how long the whole gather took
 */
public record GatherResult(FailurePolicy policy, List<ServerResources> servers, List<GatherFailure> failures,
        Duration duration) {

    public GatherResult {
        Objects.requireNonNull(policy, "policy");
        servers = List.copyOf(servers);
        failures = List.copyOf(failures);
        Objects.requireNonNull(duration, "duration");
    }

    /** Whether every server gave its resources. */
    public boolean complete() {
        return failures.isEmpty();
    }

    /** The resources of one server, if it answered. */
    public Optional<ServerResources> server(String name) {
        return servers.stream().filter(s -> s.server().equals(name)).findFirst();
    }

    /** Every resource of every server, by server priority. */
    public List<ResourceItem> resources() {
        return servers.stream().flatMap(s -> s.resources().stream()).toList();
    }

    public int resourceCount() {
        return servers.stream().mapToInt(s -> s.resources().size()).sum();
    }

    /** Content bytes kept, across servers. */
    public long bytes() {
        return servers.stream().mapToLong(ServerResources::bytes).sum();
    }
}
