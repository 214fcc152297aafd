package dev.switchboard;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.Objects;

/**
 * A server's resource that matches an entity.
 *
 * @param server the configured name of the server
 * @param priority the server's priority, 1-999, lower wins
 * @param resource the resource as the server listed it (read it with {@link Switchboard#readResource} and
 *     {@link #qualifiedUri()})
 * @param match how it matched
 * @param score 1.0 for exact and case-insensitive matches, else the Jaro-Winkler similarity
 */
public record ResolutionCandidate(String server, int priority, McpSchema.Resource resource, MatchKind match,
        double score) {

    public ResolutionCandidate {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(match, "match");
    }

    /** {@code <server>+<uri>}, which reads this resource from this server. */
    public String qualifiedUri() {
        return server + "+" + resource.uri();
    }
}
