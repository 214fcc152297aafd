package dev.switchboard.agent;

import dev.switchboard.MatchKind;
import java.util.Objects;

/**
 * An entity named in the question and the server that is its authority, as {@link dev.switchboard.Switchboard#resolve}
 * chose it.
 *
 * @param entity the name as the server lists it (the question named it, ignoring case)
 * @param server the winning server
 * @param uri the winning resource's URI on that server
 * @param match how the resource matched the entity
 * @param priority the winning server's priority (lower wins)
 * @param why one sentence a person can check: who else had it and why this server won
 */
public record ResolvedEntity(String entity, String server, String uri, MatchKind match, int priority, String why) {

    public ResolvedEntity {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(why, "why");
    }

    /** {@code <server>+<uri>}: reads exactly this resource from exactly this server. */
    public String qualifiedUri() {
        return server + "+" + uri;
    }
}
