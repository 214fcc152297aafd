package dev.switchboard.config;

import dev.switchboard.internal.util.Check;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How much the library logs: each running Switchboard emits its own log events (through SLF4J) only when
 * {@code enabled}, and only those at or above {@code level}; two instances in one JVM each follow their own
 * settings, and {@code reload} applies a changed section at once. These settings only filter: the application's
 * logging framework still decides what it writes of what passes, and the library never touches that framework's
 * configuration. So with the default {@code WARN}, an application whose Logback logs DEBUG still gets only WARN and
 * ERROR events from Switchboard; lower {@code level} too to see more. The command-line tool, which owns its
 * process, also configures Logback from these settings (its {@code --log-level} and {@code --log-format} win).
 *
 * @param enabled whether the library logs at all
 * @param level the lowest level the library emits: TRACE, DEBUG, INFO, WARN or ERROR (any case)
 * @param format {@code console} (readable) or {@code json} (one JSON object per line); only the command-line tool,
 *     which configures its own logging, reads it
 */
public record LogSettings(boolean enabled, String level, String format) {
    // Before DEFAULT: its constructor reads it.
    static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
    public static final LogSettings DEFAULT = new LogSettings(true, "WARN", "console");

    public LogSettings {
        level = Objects.requireNonNull(level, "level").toUpperCase(Locale.ROOT);
        format = Objects.requireNonNull(format, "format").toLowerCase(Locale.ROOT);
        Check.argument(LEVELS.contains(level), "logging.level: %s (expected: TRACE, DEBUG, INFO, WARN or ERROR)",
                level);
        Check.argument(format.equals("console") || format.equals("json"),
                "logging.format: %s (expected: console or json)", format);
    }

    /** A builder that starts from {@link #DEFAULT}. */
    public static Builder builder() {
        return DEFAULT.toBuilder();
    }

    /** A builder that starts from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link LogSettings} one setting at a time, so that a new setting never breaks a caller. */
    public static final class Builder {
        private boolean enabled;
        private String level;
        private String format;

        private Builder(LogSettings from) {
            enabled = from.enabled;
            level = from.level;
            format = from.format;
        }

        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        public Builder level(String level) {
            this.level = level;
            return this;
        }

        public Builder format(String format) {
            this.format = format;
            return this;
        }

        /** The settings, normalised by their constructor. */
        public LogSettings build() {
            return new LogSettings(enabled, level, format);
        }
    }
}
