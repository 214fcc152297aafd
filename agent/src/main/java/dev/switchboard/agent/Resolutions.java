package dev.switchboard.agent;

import dev.switchboard.MatchKind;
import dev.switchboard.Resolution;
import dev.switchboard.ResolutionCandidate;
import java.util.List;
import java.util.Locale;

/** Turns core's {@link Resolution} into a {@link ResolvedEntity} with a reason a person can check. */
final class Resolutions {
    private Resolutions() {
    }

    static ResolvedEntity of(Resolution r, ResolutionCandidate winner) {
        return new ResolvedEntity(r.entity(), winner.server(), winner.resource().uri(), winner.match(),
                winner.priority(), why(r, winner));
    }

    private static String why(Resolution r, ResolutionCandidate w) {
        String scope = r.domain() == null ? "" : " among the servers of domain '" + r.domain() + "'";
        List<String> rivals = r.others().stream().filter(c -> !c.server().equals(w.server()))
                .map(Resolutions::describe).distinct().toList();
        if (rivals.isEmpty()) {
            return "only " + describe(w) + " has it" + scope;
        }
        // Core ranks by how the name matched, then priority: say both, so the choice can be checked.
        return describe(w) + " wins over " + String.join(", ", rivals) + scope;
    }

    private static String describe(ResolutionCandidate c) {
        return c.server() + " (priority " + c.priority() + ", " + match(c.match()) + " match)";
    }

    private static String match(MatchKind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
