package dev.switchboard.config;

import java.util.Locale;
import java.util.Objects;

/**
 * How Switchboard logs, when the configuration says so (command-line flags win).
 *
 * @param enabled whether core logs at all
 * @param level TRACE, DEBUG, INFO, WARN or ERROR
 * @param format {@code console} (readable) or {@code json} (one JSON object per line)
 */
public record LogSettings(boolean enabled, String level, String format) {
    public static final LogSettings DEFAULT = new LogSettings(true, "WARN", "console");

    public LogSettings {
        level = Objects.requireNonNull(level, "level").toUpperCase(Locale.ROOT);
        format = Objects.requireNonNull(format, "format").toLowerCase(Locale.ROOT);
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
