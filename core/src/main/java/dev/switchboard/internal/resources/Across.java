package dev.switchboard.internal.resources;

import dev.switchboard.GatherFailure;
import dev.switchboard.config.FailurePolicy;
import dev.switchboard.config.ResourcePolicy;
import dev.switchboard.internal.observe.LogEvents;
import dev.switchboard.internal.observe.LogGate;
import dev.switchboard.internal.upstream.Upstream;
import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listing across servers under the configured failure policy: fail-fast throws one error naming every failed
 * server; best-effort logs each failure ({@code <what>.server.failed}) and returns the others.
 */
final class Across {
    private static final Logger log = LoggerFactory.getLogger(Across.class);

    private Across() {
    }

    /** Runs {@code task} on every server, each with its budget; returns the successful outcomes by priority. */
    static <T> List<ServerFanOut.Outcome<T>> collect(List<Upstream> targets, ResourcePolicy policy, String what,
            LogGate gate, BiFunction<Upstream, Budget, T> task) {
        Duration whole = policy.gatherTimeout();
        long deadline = System.nanoTime() + whole.toNanos();
        List<ServerFanOut.Outcome<T>> outcomes = ServerFanOut.run(targets, deadline, whole,
                u -> task.apply(u, Budget.start(u, policy.serverTimeout(), deadline, whole)));
        List<GatherFailure> failed = GatherFailures.of(outcomes);
        if (!failed.isEmpty() && policy.failurePolicy() == FailurePolicy.FAIL_FAST) {
            throw GatherFailures.failFast("listing " + what, targets.size(), failed);
        }
        for (GatherFailure f : failed) {
            gate.warn(log, LogEvents.LISTING_SERVER_FAILED).addKeyValue("method", what)
                    .addKeyValue("server", f.server())
                    .addKeyValue("error_code", f.code().name()).addKeyValue("message", f.message()).log();
        }
        return outcomes.stream().filter(ServerFanOut.Outcome::ok).toList();
    }
}
