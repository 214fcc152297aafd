package dev.switchboard.upstream;

import java.time.Duration;

/** Formats durations the way configuration writes them ({@code 500ms}, {@code 30s}, {@code 5m}). */
public final class Durations {
    private Durations() {
    }

    public static String text(Duration d) {
        if (d == null) {
            return "?";
        }
        long ms = d.toMillis();
        if (ms % 60_000 == 0 && ms >= 60_000) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0 && ms >= 1000) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
