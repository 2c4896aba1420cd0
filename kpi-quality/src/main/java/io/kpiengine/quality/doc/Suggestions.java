package io.kpiengine.quality.doc;

import java.util.Collection;
import java.util.List;

/**
 * Offers "did you mean ...?" candidates for a misspelled field, column, rule or metric name of a definition
 * document; the same suggestions as formula errors, from {@link io.kpiengine.formula.Suggestions}.
 *
 * <pre>{@code
 * List<String> c = Suggestions.closest("colum", List.of("column", "rule", "limit")); // [column]
 * String hint = Suggestions.didYouMean("colum", List.of("column", "rule"));         // "; did you mean 'column'?"
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class Suggestions {

    private Suggestions() {
    }

    /**
     * Returns the known names closest to a misspelled one: optimal string alignment distance (case-insensitive)
     * at most {@code max(1, length / 3)}, best first (ties alphabetical), at most three; see
     * {@link io.kpiengine.formula.Suggestions#closest}.
     *
     * @param name the unknown name
     * @param known the valid names
     * @return an immutable list of up to three candidates, possibly empty
     * @throws NullPointerException if an argument or a known name is null
     */
    public static List<String> closest(String name, Collection<String> known) {
        return io.kpiengine.formula.Suggestions.closest(name, known);
    }

    /**
     * Returns the suffix {@code "; did you mean 'x'?"} (or {@code "'x' or 'y'"}) for a message about an unknown
     * name, or "" when nothing is close.
     *
     * @param name the unknown name
     * @param known the valid names
     * @return the suffix or ""
     * @throws NullPointerException if an argument or a known name is null
     */
    public static String didYouMean(String name, Collection<String> known) {
        return io.kpiengine.formula.Suggestions.didYouMean(closest(name, known));
    }
}
