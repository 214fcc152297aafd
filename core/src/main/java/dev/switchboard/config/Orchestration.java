package dev.switchboard.config;

import dev.switchboard.internal.util.Check;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Policies that span all servers.
 *
 * @param failFast the default for {@code required}: when true, any server that cannot be connected fails startup
 *     (all-or-nothing); when false, a server must say {@code required: true} to do that
 * @param nameSeparator what joins a server's name and a tool's name in qualified tool names ({@code github__search})
 * @param validateArguments whether a call's arguments are checked against the tool's input schema before sending
 * @param resources how resources are gathered and entities resolved across servers
 * @param stateFile where runtime overrides (servers an operator disabled or enabled) are kept across restarts, or
 *     null to keep them in memory only
 * @param drainTimeout how long a graceful shutdown lets calls in flight finish before they are cancelled
 * @param watchConfig whether the configuration file is reloaded when it changes
 * @param maxConcurrentCalls tool calls in flight at once across all servers; beyond it calls fail with OVERLOADED
 */
public record Orchestration(boolean failFast, String nameSeparator, boolean validateArguments,
        ResourcePolicy resources, Path stateFile, Duration drainTimeout, boolean watchConfig,
        int maxConcurrentCalls) {
    public static final int DEFAULT_MAX_CONCURRENT_CALLS = 256;
    public static final String DEFAULT_NAME_SEPARATOR = "__";
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(10);
    /** A separator is itself part of every qualified name, so it must be valid in one, and short. */
    static final Pattern SEPARATOR = Pattern.compile("[A-Za-z0-9_-]{1,3}");
    static final String SEPARATOR_EXPECTED = "1 to 3 letters, digits, _ or -, like __";

    public static final Orchestration DEFAULT = new Orchestration(false);

    public Orchestration {
        Objects.requireNonNull(nameSeparator, "nameSeparator");
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        Check.argument(SEPARATOR.matcher(nameSeparator).matches(), "orchestration.name_separator: \"%s\""
                + " (expected: %s)", nameSeparator, SEPARATOR_EXPECTED);
        Check.argument(!drainTimeout.isNegative(), "orchestration.drain_timeout: %s (expected: >= 0)",
                drainTimeout);
        Check.argument(maxConcurrentCalls >= 1, "orchestration.max_concurrent_calls: %s (expected: >= 1)",
                maxConcurrentCalls);
    }

    /**
     * Separator {@code __}, argument validation on, resources gathered fail-fast when {@code failFast} (else
     * best-effort), no state file, a 10 s drain, no watching of the file, 256 calls in flight at most.
     */
    public Orchestration(boolean failFast) {
        this(failFast, DEFAULT_NAME_SEPARATOR, true, ResourcePolicy.DEFAULT.withFailurePolicy(failFast
                ? FailurePolicy.FAIL_FAST : FailurePolicy.BEST_EFFORT), null, DEFAULT_DRAIN_TIMEOUT, false,
                DEFAULT_MAX_CONCURRENT_CALLS);
    }

    public Orchestration withNaming(String separator, boolean validate) {
        return new Orchestration(failFast, separator, validate, resources, stateFile, drainTimeout, watchConfig,
                maxConcurrentCalls);
    }

    public Orchestration withResources(ResourcePolicy policy) {
        return new Orchestration(failFast, nameSeparator, validateArguments, policy, stateFile, drainTimeout,
                watchConfig, maxConcurrentCalls);
    }

    public Orchestration withStateFile(Path file) {
        return new Orchestration(failFast, nameSeparator, validateArguments, resources, file, drainTimeout,
                watchConfig, maxConcurrentCalls);
    }

    public Orchestration withDrainTimeout(Duration drain) {
        return new Orchestration(failFast, nameSeparator, validateArguments, resources, stateFile, drain,
                watchConfig, maxConcurrentCalls);
    }

    public Orchestration withWatchConfig(boolean watch) {
        return new Orchestration(failFast, nameSeparator, validateArguments, resources, stateFile, drainTimeout,
                watch, maxConcurrentCalls);
    }

    public Orchestration withMaxConcurrentCalls(int max) {
        return new Orchestration(failFast, nameSeparator, validateArguments, resources, stateFile, drainTimeout,
                watchConfig, max);
    }
}
