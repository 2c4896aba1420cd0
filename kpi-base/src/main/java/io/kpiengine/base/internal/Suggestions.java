package io.kpiengine.base.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Finds the "did you mean ...?" candidates for a misspelled name among the known names, by edit distance: the one
 * helper behind the candidates of formula errors and the suggestions in
 * the definition documents of the other modules, so that every message suggests alike.
 *
 * <pre>{@code
 * List<String> c = Suggestions.closest("vistors", List.of("visitors", "orders", "revenue")); // [visitors]
 * String hint = Suggestions.didYouMean(c);                      // "; did you mean 'visitors'?"
 * }</pre>
 *
 * <p>A known name is a candidate when its optimal string alignment distance to the misspelled name (Levenshtein
 * distance plus transpositions of adjacent characters, case-insensitive) is at most {@code max(1, length / 3)},
 * where length is that of the misspelled name; a name equal to it is not a candidate. Candidates come best first,
 * ties in alphabetical order, at most {@value #MAX_CANDIDATES}.
 *
 * <p>Stateless and thread-safe.
 */
public final class Suggestions {

    /** The largest number of candidates {@link #closest} returns. */
    public static final int MAX_CANDIDATES = 3;

    private Suggestions() {
    }

    /**
     * Returns the known names closest to a misspelled one, best first.
     *
     * <pre>{@code
     * Suggestions.closest("colum", List.of("column", "rule", "limit"));      // [column]
     * Suggestions.closest("revenu", List.of("revenue", "revenues", "cost")); // [revenue, revenues]
     * }</pre>
     *
     * @param name the unknown name
     * @param known the valid names
     * @return an immutable list of up to {@value #MAX_CANDIDATES} candidates, possibly empty
     * @throws NullPointerException if an argument or a known name is null
     */
    public static List<String> closest(String name, Collection<String> known) {
        String lower = name.toLowerCase(Locale.ROOT);
        int limit = Math.max(1, name.length() / 3);
        record Scored(String name, int distance) {
        }
        List<Scored> scored = new ArrayList<>();
        for (String k : known) {
            if (Math.abs(k.length() - name.length()) > limit || k.equals(name)) {
                continue;
            }
            int d = distance(lower, k.toLowerCase(Locale.ROOT));
            if (d <= limit) {
                scored.add(new Scored(k, d));
            }
        }
        scored.sort(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.min(MAX_CANDIDATES, scored.size()); i++) {
            out.add(scored.get(i).name());
        }
        return List.copyOf(out);
    }

    /**
     * Returns the message suffix that offers candidates: {@code "; did you mean 'x'?"}, {@code "; did you mean 'x'
     * or 'y'?"}, {@code "; did you mean 'x', 'y' or 'z'?"}, or "" when there is none.
     *
     * @param candidates the candidates, best first
     * @return the suffix, or ""
     * @throws NullPointerException if candidates is null
     */
    public static String didYouMean(List<String> candidates) {
        if (candidates.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("; did you mean ");
        for (int i = 0; i < candidates.size(); i++) {
            sb.append(i == 0 ? "" : i == candidates.size() - 1 ? " or " : ", ")
                    .append('\'').append(candidates.get(i)).append('\'');
        }
        return sb.append('?').toString();
    }

    /**
     * Returns the message suffix that offers the known names closest to an unknown one: shorthand for
     * {@code didYouMean(closest(name, known))}.
     *
     * <pre>{@code
     * String hint = Suggestions.didYouMean("vistors", List.of("visitors", "orders")); // "; did you mean 'visitors'?"
     * }</pre>
     *
     * @param name the unknown name
     * @param known the valid names
     * @return the suffix, or ""
     * @throws NullPointerException if an argument is null
     */
    public static String didYouMean(String name, Collection<String> known) {
        return didYouMean(closest(name, known));
    }

    /**
     * Returns the optimal string alignment distance between two strings: the fewest insertions, deletions,
     * substitutions and transpositions of adjacent characters that turn one into the other, no substring edited
     * twice. Case-sensitive.
     *
     * @param a one string
     * @param b another
     * @return the number of edits, 0 when the strings are equal
     * @throws NullPointerException if an argument is null
     */
    public static int distance(String a, String b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
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
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}
