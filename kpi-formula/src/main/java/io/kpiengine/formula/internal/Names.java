package io.kpiengine.formula.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** "Did you mean ...?" candidates by edit distance. */
public final class Names {

    private Names() {
    }

    /**
     * The known names closest to a misspelled one: optimal string alignment distance (case-insensitive) at most
     * {@code max(1, length / 3)}, best first (then alphabetical), at most three.
     *
     * @param name the unknown name
     * @param known the valid names
     * @return up to three candidates
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
        for (int i = 0; i < Math.min(3, scored.size()); i++) {
            out.add(scored.get(i).name());
        }
        return List.copyOf(out);
    }

    /**
     * The message suffix {@code "; did you mean 'x'?"} ({@code 'x' or 'y'}, {@code 'x', 'y' or 'z'}), or "".
     *
     * @param candidates the candidates
     * @return the suffix
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
