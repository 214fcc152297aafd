package dev.switchboard.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as configuration writes them, with a unit: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 1m30s}. */
public final class Durations {
    static final String EXPECTED = "expected: a duration like 500ms, 30s, 5m";

    private static final Pattern WHOLE = Pattern.compile("-?(\\d+(\\.\\d+)?(ms|s|m|h))+");
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");
    private static final Pattern BARE_NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private Durations() {
    }

    /**
     * The duration, or empty when the text is not one (see {@link #isBareNumber} for the common mistake) or is longer
     * than 64 characters.
     */
    public static Optional<Duration> parse(String text) {
        if (text.length() > Limits.SCALAR_CHARS) {
            return Optional.empty(); // BigDecimal would take seconds over a million digits: no duration is this long
        }
        String s = text.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        if (s.startsWith("pt") || s.startsWith("-pt")) {
            return iso(s);
        }
        if (!WHOLE.matcher(s).matches()) {
            return Optional.empty();
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(s);
        try {
            while (m.find()) {
                total = total.plus(part(new BigDecimal(m.group(1)), m.group(2)));
            }
        } catch (ArithmeticException tooLong) {
            return Optional.empty();
        }
        return Optional.of(s.startsWith("-") ? total.negated() : total);
    }

    static boolean isBareNumber(String text) {
        return BARE_NUMBER.matcher(text.trim()).matches();
    }

    /** The duration as written in configuration files: 500ms, 30s, 5m, 1h30m. */
    public static String format(Duration d) {
        if (d.toMillisPart() != 0 || d.isZero()) {
            return d.toMillis() + "ms";
        }
        StringBuilder sb = new StringBuilder();
        long h = d.toHours();
        if (h != 0) {
            sb.append(h).append('h');
        }
        if (d.toMinutesPart() != 0) {
            sb.append(d.toMinutesPart()).append('m');
        }
        if (d.toSecondsPart() != 0) {
            sb.append(d.toSecondsPart()).append('s');
        }
        return sb.toString();
    }

    private static Duration part(BigDecimal amount, String unit) {
        BigDecimal nanosPerUnit = switch (unit) {
            case "ms" -> BigDecimal.valueOf(1_000_000L);
            case "s" -> BigDecimal.valueOf(1_000_000_000L);
            case "m" -> BigDecimal.valueOf(60_000_000_000L);
            default -> BigDecimal.valueOf(3_600_000_000_000L);
        };
        return Duration.ofNanos(amount.multiply(nanosPerUnit).longValueExact());
    }

    private static Optional<Duration> iso(String s) {
        try {
            return Optional.of(Duration.parse(s.toUpperCase(Locale.ROOT)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
