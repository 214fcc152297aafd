package dev.switchboard.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Durations as the configuration writes them: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 1m30s}.
 * Also the picocli converter for options that take one.
 */
final class DurationText implements ITypeConverter<Duration> {
    private static final Pattern WHOLE = Pattern.compile("(\\d+(ms|s|m|h))+");
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h)");

    @Override
    public Duration convert(String value) {
        Duration d = parse(value);
        if (d == null || !d.isPositive()) {
            throw new TypeConversionException("'" + value + "' is not a duration (expected: a positive duration "
                    + "like 500ms, 30s, 5m)");
        }
        return d;
    }

    /** The duration, or null when the text is not one; a bare number is not one (seconds? milliseconds?). */
    static Duration parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (!WHOLE.matcher(s).matches()) {
            return null;
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(s);
        try {
            while (m.find()) {
                long n = Long.parseLong(m.group(1));
                total = total.plus(switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofHours(n);
                });
            }
        } catch (ArithmeticException | NumberFormatException tooLong) {
            return null;
        }
        return total;
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
