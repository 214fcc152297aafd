package dev.switchboard.config;

/**
 * How large a configuration may be. Everything a hostile or broken file can make large is bounded here, so that it
 * is rejected with a problem naming the limit instead of a stack overflow, an out-of-memory error or a hang (issue
 * 12 found each of those). The limits are far above any real configuration; docs/reliability.md lists them.
 */
final class Limits {
    /** The size of a file, or of text given to {@link ConfigLoader#parse}: thousands of servers fit in it. */
    static final int FILE_BYTES = 2 * 1024 * 1024;
    /** How deep maps and lists may nest; our own format needs about six levels. */
    static final int NESTING = 64;
    /** Values in one file, counting every copy a YAML alias makes (an alias bomb is millions). */
    static final int VALUES = 100_000;
    static final int SERVERS = 10_000;
    /** How deep {@code ${A:-${B:-...}}} defaults may nest; each level is one recursive call. */
    static final int REFERENCE_NESTING = 16;
    /** Characters that {@code ${VAR}} references may add to the configuration in total. */
    static final int EXPANDED_CHARS = 4 * 1024 * 1024;
    /** A duration ({@code 1h30m}) or a number written as text; a longer one is never meant (and costly to parse). */
    static final int SCALAR_CHARS = 64;

    private Limits() {
    }
}
