package dev.switchboard.internal.resources;

import dev.switchboard.ErrorCode;
import dev.switchboard.GatherFailure;
import dev.switchboard.SwitchboardException;
import java.util.List;

/** Turns the servers that failed a call across servers into reported failures, or into the one fail-fast error. */
final class GatherFailures {
    private GatherFailures() {
    }

    static GatherFailure of(ServerFanOut.Outcome<?> o) {
        return new GatherFailure(o.server().name(), o.server().config().options().priority(), o.error().code(),
                o.error().getMessage());
    }

    static List<GatherFailure> of(List<? extends ServerFanOut.Outcome<?>> outcomes) {
        return outcomes.stream().filter(o -> !o.ok()).map(GatherFailures::of).toList();
    }

    /**
     * One error naming every failed server and why. Its code is the failures' code when they share one, else
     * that of the first (highest-priority) failure; its server is set when only one server failed.
     */
    static SwitchboardException failFast(String what, int servers, List<GatherFailure> failed) {
        StringBuilder sb = new StringBuilder(what).append(" failed (fail-fast): ").append(failed.size())
                .append(" of ").append(servers).append(servers == 1 ? " server" : " servers")
                .append(" failed, so nothing is returned:");
        for (GatherFailure f : failed) {
            sb.append("\n  ").append(f.server()).append(": ").append(f.code()).append(' ').append(f.message());
        }
        sb.append("\nFix or disable the failed servers, or use best-effort to get the others' results.");
        ErrorCode code = failed.get(0).code();
        return new SwitchboardException(code, failed.size() == 1 ? failed.get(0).server() : null, null,
                sb.toString(), null);
    }
}
