package dev.switchboard.config;

import java.util.Objects;

/**
 * Policies that span all servers.
 *
 * @param failFast the default for {@code required}: when true, any server that cannot be connected fails startup
 *     (all-or-nothing); when false, a server must say {@code required: true} to do that
 * @param resources how resources are gathered and entities resolved across servers
 */
public record Orchestration(boolean failFast, ResourcePolicy resources) {
    public static final Orchestration DEFAULT = new Orchestration(false);

    public Orchestration {
        Objects.requireNonNull(resources, "resources");
    }

    /** Default resource policies, gathering {@link FailurePolicy#FAIL_FAST fail-fast} when {@code failFast}. */
    public Orchestration(boolean failFast) {
        this(failFast, ResourcePolicy.DEFAULT.withFailurePolicy(failFast ? FailurePolicy.FAIL_FAST
                : FailurePolicy.BEST_EFFORT));
    }
}
