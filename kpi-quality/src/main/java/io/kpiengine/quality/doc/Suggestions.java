package io.kpiengine.quality.doc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * "Did you mean ...?" candidates by edit distance.
 *
 * <pre>{@code
 * List<String> c = Suggestions.closest("colum", List.of("column", "rule", "limit")); // [column]
 * }</pre>
 */
public final class Suggestions {

    private Suggestions() {
    }

    /**
     * The known names closest to a misspelled one: Damerau-Levenshtein distance (case-insensitive) at most
     * {@code max(1, length / 3)}, best first, at most three.
     *
     * @param name the unknown name
     * @param known the valid names
     * @return up to three candidates, possibly none
     */
    public static List<String> closest(String name, Collection<String> known) {
        int limit = Math.max(1, name.length() / 3);
        List<String> out = new ArrayList<>();
        List<int[]> scores = new ArrayList<>();
        for (String k : known) {
            int d = distance(name.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
            if (d <= limit) {
                out.add(k);
                scores.add(new int[] {d});
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingInt(i -> scores.get(i)[0]).thenComparing(out::get));
        List<String> sorted = new ArrayList<>();
        for (int i = 0; i < Math.min(3, order.size()); i++) {
            sorted.add(out.get(order.get(i)));
        }
        return List.copyOf(sorted);
    }

    /**
     * The suffix {@code "; did you mean 'x'?"} (or {@code "'x' or 'y'"}) for a message, or "" when nothing is
     * close.
     *
     * @param name the unknown name
     * @param known the valid names
     * @return the suffix or ""
     */
    public static String didYouMean(String name, Collection<String> known) {
        List<String> c = closest(name, known);
        if (c.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("; did you mean ");
        for (int i = 0; i < c.size(); i++) {
            sb.append(i == 0 ? "" : i == c.size() - 1 ? " or " : ", ").append('\'').append(c.get(i)).append('\'');
        }
        return sb.append('?').toString();
    }

    /**
     * Optimal string alignment distance (Levenshtein plus adjacent transpositions).
     *
     * @param a one string
     * @param b another
     * @return the number of edits
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
