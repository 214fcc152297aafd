package dev.switchboard;

import dev.switchboard.config.FailurePolicy;
import java.time.Duration;

/**
 * Options for one {@link Switchboard#gatherResources(GatherOptions) gather}; a {@code null} component takes the
 * configured default ({@code orchestration.failure_policy}, {@code orchestration.resources.*}).
 *
 * @param failurePolicy what to do when some servers fail
 * @param serverTimeout the limit on gathering everything from one server
 * @param deadline the limit on the whole gather
 */
public record GatherOptions(FailurePolicy failurePolicy, Duration serverTimeout, Duration deadline) {
    public GatherOptions {
        if (serverTimeout != null && !serverTimeout.isPositive()) {
            throw new IllegalArgumentException("serverTimeout: " + serverTimeout + " (expected: > 0)");
        }
        if (deadline != null && !deadline.isPositive()) {
            throw new IllegalArgumentException("deadline: " + deadline + " (expected: > 0)");
        }
    }

    /** Everything as configured. */
    public static GatherOptions defaults() {
        return new GatherOptions(null, null, null);
    }

    /** Configured timeouts; any server failing fails the gather. */
    public static GatherOptions failFast() {
        return new GatherOptions(FailurePolicy.FAIL_FAST, null, null);
    }

    /** Configured timeouts; failures are reported next to what the other servers gave. */
    public static GatherOptions bestEffort() {
        return new GatherOptions(FailurePolicy.BEST_EFFORT, null, null);
    }

    public GatherOptions withServerTimeout(Duration timeout) {
        return new GatherOptions(failurePolicy, timeout, deadline);
    }

    public GatherOptions withDeadline(Duration whole) {
        return new GatherOptions(failurePolicy, serverTimeout, whole);
    }
}
