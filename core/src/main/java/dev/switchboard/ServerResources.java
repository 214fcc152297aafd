package dev.switchboard;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything one server gave in a gather, with what the configuration says about the server.
 *
 * @param server the configured name
 * @param priority 1-999, lower wins
 * @param domains the business domains it is an authority for
 * @param capabilities what the configuration says it can do
 * @param resources its resources, in the order it listed them
 * @param incomplete whether it listed more than {@code orchestration.resources.max_resources_per_server} and the
 *     rest were left out
 * @param bytes the content bytes kept (after truncation)
 * @param duration how long gathering from this server took
 */
public record ServerResources(String server, int priority, List<String> domains, List<String> capabilities,
        List<ResourceItem> resources, boolean incomplete, long bytes, Duration duration) {

    public ServerResources {
        Objects.requireNonNull(server, "server");
        domains = List.copyOf(domains);
        capabilities = List.copyOf(capabilities);
        resources = List.copyOf(resources);
        Objects.requireNonNull(duration, "duration");
    }
}
