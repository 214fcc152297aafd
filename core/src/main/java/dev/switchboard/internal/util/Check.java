package dev.switchboard.internal.util;

/**
 * Argument checks whose message says what was given and what was expected, in one style everywhere:
 * {@code Check.argument(n >= 1, "retry.attempts: %s (expected: >= 1)", n)}.
 */
public final class Check {
    private Check() {
    }

    /**
     * @throws IllegalArgumentException with {@code format} formatted with {@code args} when {@code ok} is false
     */
    public static void argument(boolean ok, String format, Object... args) {
        if (!ok) {
            throw new IllegalArgumentException(String.format(format, args));
        }
    }
}
