package dev.switchboard.config;

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
 * @param stateFile where runtime overrides (servers an operator disabled or enabled) are kept across restarts, or
 *     null to keep them in memory only
 * @param drainTimeout how long a graceful shutdown lets calls in flight finish before they are cancelled
 * @param watchConfig whether the configuration file is reloaded when it changes
 */
public record Orchestration(boolean failFast, String nameSeparator, boolean validateArguments, Path stateFile,
        Duration drainTimeout, boolean watchConfig) {
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(10);
    public static final String DEFAULT_NAME_SEPARATOR = "__";
    /** A separator is itself part of every qualified name, so it must be valid in one, and short. */
    static final Pattern SEPARATOR = Pattern.compile("[A-Za-z0-9_-]{1,3}");
    static final String SEPARATOR_EXPECTED = "1 to 3 letters, digits, _ or -, like __";

    public static final Orchestration DEFAULT = new Orchestration(false);

    public Orchestration {
        Objects.requireNonNull(nameSeparator, "nameSeparator");
        RetryPolicy.check(SEPARATOR.matcher(nameSeparator).matches(), "orchestration.name_separator: \"%s\""
                + " (expected: %s)", nameSeparator, SEPARATOR_EXPECTED);
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        RetryPolicy.check(!drainTimeout.isNegative(), "orchestration.drain_timeout: %s (expected: >= 0)",
                drainTimeout);
    }

    /** No state file, a 10 s drain, no watching of the file. */
    public Orchestration(boolean failFast, String nameSeparator, boolean validateArguments) {
        this(failFast, nameSeparator, validateArguments, null, DEFAULT_DRAIN_TIMEOUT, false);
    }

    /** Separator {@code __} and argument validation on. */
    public Orchestration(boolean failFast) {
        this(failFast, DEFAULT_NAME_SEPARATOR, true);
    }

    public Orchestration withStateFile(Path newStateFile) {
        return new Orchestration(failFast, nameSeparator, validateArguments, newStateFile, drainTimeout, watchConfig);
    }

    public Orchestration withDrainTimeout(Duration newDrainTimeout) {
        return new Orchestration(failFast, nameSeparator, validateArguments, stateFile, newDrainTimeout, watchConfig);
    }

    public Orchestration withWatchConfig(boolean watch) {
        return new Orchestration(failFast, nameSeparator, validateArguments, stateFile, drainTimeout, watch);
    }
}
