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
}
