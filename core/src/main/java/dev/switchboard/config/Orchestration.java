package dev.switchboard.config;

/**
 * Policies that span all servers.
 *
 * @param failFast the default for {@code required}: when true, any server that cannot be connected fails startup
 *     (all-or-nothing); when false, a server must say {@code required: true} to do that
 * @param maxConcurrentCalls tool calls in flight at once across all servers; beyond it calls fail with OVERLOADED
 */
public record Orchestration(boolean failFast, int maxConcurrentCalls) {
    public static final int DEFAULT_MAX_CONCURRENT_CALLS = 256;
    public static final Orchestration DEFAULT = new Orchestration(false);

    public Orchestration {
        RetryPolicy.check(maxConcurrentCalls >= 1, "orchestration.max_concurrent_calls: %s (expected: >= 1)",
                maxConcurrentCalls);
    }

    /** Orchestration with the default global call limit. */
    public Orchestration(boolean failFast) {
        this(failFast, DEFAULT_MAX_CONCURRENT_CALLS);
    }
}
