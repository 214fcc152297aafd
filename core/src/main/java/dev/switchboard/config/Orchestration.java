package dev.switchboard.config;

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
 */
public record Orchestration(boolean failFast, String nameSeparator, boolean validateArguments,
        ResourcePolicy resources) {
    public static final String DEFAULT_NAME_SEPARATOR = "__";
    /** A separator is itself part of every qualified name, so it must be valid in one, and short. */
    static final Pattern SEPARATOR = Pattern.compile("[A-Za-z0-9_-]{1,3}");
    static final String SEPARATOR_EXPECTED = "1 to 3 letters, digits, _ or -, like __";

    public static final Orchestration DEFAULT = new Orchestration(false);

    public Orchestration {
        Objects.requireNonNull(nameSeparator, "nameSeparator");
        Objects.requireNonNull(resources, "resources");
        RetryPolicy.check(SEPARATOR.matcher(nameSeparator).matches(), "orchestration.name_separator: \"%s\""
                + " (expected: %s)", nameSeparator, SEPARATOR_EXPECTED);
    }

    /** Separator {@code __}, argument validation on, default resource policies for {@code failFast}. */
    public Orchestration(boolean failFast) {
        this(failFast, DEFAULT_NAME_SEPARATOR, true, defaultResources(failFast));
    }

    /** Default resource policies for {@code failFast}. */
    public Orchestration(boolean failFast, String nameSeparator, boolean validateArguments) {
        this(failFast, nameSeparator, validateArguments, defaultResources(failFast));
    }

    /** Separator {@code __} and argument validation on. */
    public Orchestration(boolean failFast, ResourcePolicy resources) {
        this(failFast, DEFAULT_NAME_SEPARATOR, true, resources);
    }

    /** Default resource policies, gathering {@link FailurePolicy#FAIL_FAST fail-fast} when {@code failFast}. */
    private static ResourcePolicy defaultResources(boolean failFast) {
        return ResourcePolicy.DEFAULT.withFailurePolicy(failFast ? FailurePolicy.FAIL_FAST
                : FailurePolicy.BEST_EFFORT);
    }
}
