package dev.switchboard;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which server is the authority for an entity: every matching resource, best first (by how it matched, then by
 * server priority, then by similarity), so the first is the winner.
 *
 * @param entity what was looked for
 * @param domain the domain the servers were chosen by, or null for all servers
 * @param candidates every match, best first; empty when nothing matched
 * @param failures servers that could not be asked (best-effort only; fail-fast throws instead)
 */
public record Resolution(String entity, String domain, List<ResolutionCandidate> candidates,
        List<GatherFailure> failures) {

    public Resolution {
        Objects.requireNonNull(entity, "entity");
        candidates = List.copyOf(candidates);
        failures = List.copyOf(failures);
    }

    public boolean found() {
        return !candidates.isEmpty();
    }

    /** The best match, if any. */
    public Optional<ResolutionCandidate> winner() {
        return candidates.stream().findFirst();
    }

    /** Every match but the winner, best first. */
    public List<ResolutionCandidate> others() {
        return candidates.isEmpty() ? List.of() : candidates.subList(1, candidates.size());
    }
}
