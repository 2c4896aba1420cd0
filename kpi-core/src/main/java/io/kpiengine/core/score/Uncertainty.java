package io.kpiengine.core.score;

import io.kpiengine.core.score.internal.Draws;
import java.util.Arrays;
import java.util.Locale;

/**
 * The spread of a quantity over Monte Carlo draws: its median and its 5th and 95th percentiles (numpy's linear
 * quantile, {@code h = (n - 1) p}), as a {@link RobustnessReport} gives them for scores and ranks.
 *
 * <pre>{@code
 * Uncertainty rank = report.rank("alice");
 * System.out.println(rank.median() + " (" + rank.p5() + " to " + rank.p95() + ")");
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param median the median, NaN when there were no values
 * @param p5 the 5th percentile
 * @param p95 the 95th percentile
 */
public record Uncertainty(double median, double p5, double p95) {

    /** The median and 5–95% of the values that are not NaN. */
    static Uncertainty of(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        while (n > 0 && Double.isNaN(sorted[n - 1])) {
            n--;
        }
        return new Uncertainty(Draws.quantile(sorted, n, 0.5), Draws.quantile(sorted, n, 0.05),
                Draws.quantile(sorted, n, 0.95));
    }

    /**
     * The width of the 5–95% interval.
     *
     * @return {@code p95 - p5}
     */
    public double width() {
        return p95 - p5;
    }

    /**
     * The interval as text: {@code 72.4 [68.1, 75.0]}.
     *
     * @return the text
     */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.1f [%.1f, %.1f]", median, p5, p95);
    }
}
