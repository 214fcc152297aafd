package dev.switchboard.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean": the known word closest to a misspelt one, if any is close enough to be a likely typo. */
final class Suggestions {
    private Suggestions() {
    }

    static Optional<String> closest(String input, Collection<String> candidates) {
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

    /** " (did you mean x?)" or the empty string. */
    static String hint(String input, Collection<String> candidates) {
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
