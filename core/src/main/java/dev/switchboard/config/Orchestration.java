package dev.switchboard.config;

import dev.switchboard.internal.util.Check;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Policies that span all servers.
 *
 * @param failFast in a configuration file, the default for {@code required} (when true, any server that cannot be
 *     connected fails startup: all-or-nothing; when false, a server must say {@code required: true} to do that) and
 *     for {@code failure_policy}; in code, set {@link ServerOptions#required()} and {@link #resources()} directly
 * @param nameSeparator what joins a server's name and a tool's name in qualified tool names ({@code github__search})
 * @param validateArguments whether a call's arguments are checked against the tool's input schema before sending
 * @param resources how resources are gathered and entities resolved across servers
 * @param stateFile where runtime overrides (servers an operator disabled or enabled) are kept across restarts, or
 *     null to keep them in memory only
 * @param drainTimeout how long a graceful shutdown lets calls in flight finish before they are cancelled
 * @param watchConfig whether the configuration file is reloaded when it changes
 * @param maxConcurrentCalls tool calls in flight at once across all servers; beyond it calls fail with OVERLOADED
 * @param startupTimeout the longest {@code Switchboard.start} waits for the servers it waits for (required servers
 *     to connect or fail, optional ones to make their first attempt); a required server not ready by then fails the
 *     start
 */
public record Orchestration(boolean failFast, String nameSeparator, boolean validateArguments,
        ResourcePolicy resources, Path stateFile, Duration drainTimeout, boolean watchConfig,
        int maxConcurrentCalls, Duration startupTimeout) {
    public static final int DEFAULT_MAX_CONCURRENT_CALLS = 256;
    public static final String DEFAULT_NAME_SEPARATOR = "__";
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);
    /** A separator is itself part of every qualified name, so it must be valid in one, and short. */
    static final Pattern SEPARATOR = Pattern.compile("[A-Za-z0-9_-]{1,3}");
    static final String SEPARATOR_EXPECTED = "1 to 3 letters, digits, _ or -, like __";

    /**
     * Not fail-fast, separator {@code __}, argument validation on, resources gathered best-effort, no state file, a
     * 10 s drain, no watching of the file, 256 calls in flight at most, a start that waits at most 60 s.
     */
    public static final Orchestration DEFAULT = new Orchestration(false, DEFAULT_NAME_SEPARATOR, true,
            ResourcePolicy.DEFAULT, null, DEFAULT_DRAIN_TIMEOUT, false, DEFAULT_MAX_CONCURRENT_CALLS,
            DEFAULT_STARTUP_TIMEOUT);

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
        Objects.requireNonNull(startupTimeout, "startupTimeout");
        Check.argument(startupTimeout.isPositive(), "orchestration.startup_timeout: %s (expected: > 0)",
                startupTimeout);
    }

    /** A builder that starts from {@link #DEFAULT}. */
    public static Builder builder() {
        return DEFAULT.toBuilder();
    }

    /** A builder that starts from these policies. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link Orchestration} one setting at a time, so that a new setting never breaks a caller. */
    public static final class Builder {
        private boolean failFast;
        private String nameSeparator;
        private boolean validateArguments;
        private ResourcePolicy resources;
        private Path stateFile;
        private Duration drainTimeout;
        private boolean watchConfig;
        private int maxConcurrentCalls;
        private Duration startupTimeout;

        private Builder(Orchestration from) {
            failFast = from.failFast;
            nameSeparator = from.nameSeparator;
            validateArguments = from.validateArguments;
            resources = from.resources;
            stateFile = from.stateFile;
            drainTimeout = from.drainTimeout;
            watchConfig = from.watchConfig;
            maxConcurrentCalls = from.maxConcurrentCalls;
            startupTimeout = from.startupTimeout;
        }

        public Builder failFast(boolean failFast) {
            this.failFast = failFast;
            return this;
        }

        public Builder nameSeparator(String nameSeparator) {
            this.nameSeparator = nameSeparator;
            return this;
        }

        public Builder validateArguments(boolean validateArguments) {
            this.validateArguments = validateArguments;
            return this;
        }

        public Builder resources(ResourcePolicy resources) {
            this.resources = resources;
            return this;
        }

        public Builder stateFile(Path stateFile) {
            this.stateFile = stateFile;
            return this;
        }

        public Builder drainTimeout(Duration drainTimeout) {
            this.drainTimeout = drainTimeout;
            return this;
        }

        public Builder watchConfig(boolean watchConfig) {
            this.watchConfig = watchConfig;
            return this;
        }

        public Builder maxConcurrentCalls(int maxConcurrentCalls) {
            this.maxConcurrentCalls = maxConcurrentCalls;
            return this;
        }

        public Builder startupTimeout(Duration startupTimeout) {
            this.startupTimeout = startupTimeout;
            return this;
        }

        /** The policies, checked by their constructor. */
        public Orchestration build() {
            return new Orchestration(failFast, nameSeparator, validateArguments, resources, stateFile, drainTimeout,
                    watchConfig, maxConcurrentCalls, startupTimeout);
        }
    }
}
