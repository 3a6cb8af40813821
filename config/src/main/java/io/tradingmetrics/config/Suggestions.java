package io.tradingmetrics.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** "Did you mean" suggestions for mistyped names, by edit distance. */
public final class Suggestions {
    private Suggestions() {}

    /**
     * @return the candidate closest to the text, when it is close enough to be a plausible typo: at most a third of
     *         the longer name's length away (at least one edit allowed), ignoring case; ties go to the first candidate
     */
    public static Optional<String> closest(String text, Collection<String> candidates) {
        requireNonNull(text, "text is null");
        requireNonNull(candidates, "candidates is null");
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(text.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            int allowed = Math.max(1, Math.max(text.length(), candidate.length()) / 3);
            if (distance <= allowed && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Optimal string alignment distance: insertions, deletions, substitutions and transpositions of adjacent
     * characters each count one, because swapped letters are the most common typo.
     */
    public static int distance(String a, String b) {
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
