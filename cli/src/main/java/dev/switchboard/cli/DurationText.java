package dev.switchboard.cli;

import dev.switchboard.config.Durations;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The picocli converter for options that take a duration (parsed as configuration parses them), and the short
 * human form the CLI prints.
 */
final class DurationText implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        Duration d = Durations.parse(value).orElse(null);
        if (d == null || !d.isPositive()) {
            throw new TypeConversionException("'" + value + "' is not a duration (expected: a positive duration "
                    + "like 500ms, 30s, 5m)");
        }
        return d;
    }

    /** A short human form: {@code 412ms}, {@code 2.5s}, {@code 3m20s}. */
    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms < 60_000) {
            return ms % 1000 == 0 ? ms / 1000 + "s" : String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        long s = d.toSeconds();
        return s / 60 + "m" + (s % 60 == 0 ? "" : s % 60 + "s");
    }
}
