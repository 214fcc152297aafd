package dev.switchboard.config;

import dev.switchboard.ErrorCode;
import dev.switchboard.SwitchboardException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration that cannot be used, with every problem found in it (not just the first).
 *
 * <p>The message lists the problems one per line, each as {@code path.to.key: what is wrong (expected ...)}.
 */
public final class ConfigException extends SwitchboardException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final List<ConfigProblem> problems;

    public ConfigException(String source, List<ConfigProblem> problems) {
        super(ErrorCode.CONFIG_INVALID, format(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("problems: empty (expected: at least one problem)");
        }
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /** The file or source name the configuration was loaded from. */
    public String source() {
        return source;
    }

    /** Every problem, in the order found (roughly the order of the file). */
    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String format(List<ConfigProblem> problems) {
        return problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n"));
    }
}
