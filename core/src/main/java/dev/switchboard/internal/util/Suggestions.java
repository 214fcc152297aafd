package dev.switchboard.internal.util;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean": the known names closest to a misspelt one, when they are close enough to be likely typos. */
public final class Suggestions {
    private Suggestions() {
    }

    public static Optional<String> closest(String input, Collection<String> candidates) {
        String in = squash(input);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            String c = squash(candidate);
            // connectTimeout, connect-timeout and Connect_Timeout all mean connect_timeout: distance 0.
            int d = in.equals(c) ? 0 : distance(input.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance && d <= tolerance(candidate)) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Up to {@code max} candidates close enough to {@code input}, closest first. */
    public static List<String> closest(String input, Collection<String> candidates, int max) {
        String in = squash(input);
        return candidates.stream()
                .map(c -> new Scored(c, squash(c).equals(in) ? 0
                        : distance(input.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT))))
                .filter(s -> s.distance() <= tolerance(s.name()))
                .sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name))
                .limit(max)
                .map(Scored::name)
                .toList();
    }

    private record Scored(String name, int distance) {
    }

    /** " (did you mean x?)" or the empty string. */
    public static String hint(String input, Collection<String> candidates) {
        return closest(input, candidates).map(s -> "did you mean " + s + "?").orElse("");
    }

    private static int tolerance(String candidate) {
        return candidate.length() <= 4 ? 1 : candidate.length() <= 8 ? 2 : 3;
    }

    private static String squash(String s) {
        return s.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }

    /** Optimal string alignment distance: Levenshtein plus adjacent transpositions ("tpye" is one edit away). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
