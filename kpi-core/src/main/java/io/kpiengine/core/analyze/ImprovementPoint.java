package io.kpiengine.core.analyze;

import io.kpiengine.core.time.Period;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One thing in a result table that deserves attention, with the statistic that found it and the numbers behind it:
 * an unusual change, a segment that drove a change, a break in a trend, a leading indicator that predicts a fall;
 * a tracking scorecard adds gaps to target, off-track streaks and open critical alerts
 * ({@code Scorecard.improvementPoints()}), and other detectors their own kinds through {@link ImprovementDetector}.
 *
 * <pre>{@code
 * for (ImprovementPoint p : results.improvementPoints().run().points()) {
 *     System.out.printf("%5.1f %s %s: %s%n", p.score(), p.kind(), p.label(), p.summary());
 *     p.numbers().forEach((k, v) -> System.out.println("      " + k + " = " + v));
 * }
 * }</pre>
 *
 * <p><b>Score.</b> Points are ranked by {@code score}, a strength on the scale of a standard normal score, so that
 * the kinds can be ranked together: the robust z of an unusual change, the shift of a trend break in noise standard
 * deviations, the forecast of a leading indicator over its standard error, a shortfall from target in standard
 * deviations of the KPI's trailing window (see docs/analysis.md for each definition). A detector of another kind
 * should put its strength on the same scale.
 *
 * @param kind what was found: one of the constants of this record ({@value #UNUSUAL_CHANGE}, ...) or a detector's
 *     own kind, lower case with hyphens
 * @param metric the metric it is about
 * @param segment the metric's segment, empty for a metric without dimensions
 * @param period the period it concerns: the period of the change, the first period of a new level
 * @param score the strength on a standard normal scale, at least 0
 * @param statistic the statistic and its reference, in a few words
 * @param summary one sentence for people
 * @param numbers the numbers behind it, by name, in the order they are best read
 */
public record ImprovementPoint(String kind, String metric, Map<String, String> segment, Period period, double score,
        String statistic, String summary, Map<String, Double> numbers) {

    /** A period-over-period change far outside the changes of the trailing window. */
    public static final String UNUSUAL_CHANGE = "unusual-change";
    /** A segment that made much of an unusual change of its metric's total. */
    public static final String CHANGE_CONTRIBUTOR = "change-contributor";
    /** A shift of a series' level around its trend line, recently. */
    public static final String TREND_BREAK = "trend-break";
    /** A leading indicator whose last change predicts an adverse move of the metric it leads. */
    public static final String LEADING_INDICATOR = "leading-indicator";
    /** A tracked KPI short of its target (or outside its band) in its current period (a scorecard's point). */
    public static final String GAP_TO_TARGET = "gap-to-target";
    /** A tracked KPI off track for several consecutive periods up to its current one (a scorecard's point). */
    public static final String OFF_TRACK_STREAK = "off-track-streak";
    /** A critical alert open at the end of a tracking run (a scorecard's point). */
    public static final String CRITICAL_ALERT = "critical-alert";

    /**
     * Checks and copies the components.
     *
     * @param kind what was found, lower case with hyphens
     * @param metric the metric it is about
     * @param segment the metric's segment, empty for a metric without dimensions
     * @param period the period it concerns
     * @param score the strength on a standard normal scale, at least 0
     * @param statistic the statistic and its reference
     * @param summary one sentence for people
     * @param numbers the numbers behind it, by name
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if the kind is not lower case with hyphens, the score is negative or not
     *     finite, or a number is not finite
     */
    public ImprovementPoint {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(statistic, "statistic");
        Objects.requireNonNull(summary, "summary");
        if (!kind.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("kind must be lower case words joined by '-', but was '" + kind + "'");
        }
        if (!(score >= 0) || Double.isInfinite(score)) {
            throw new IllegalArgumentException("score must be finite and at least 0, but was " + score);
        }
        segment = MetricSeries.copy(segment);
        Map<String, Double> copy = new LinkedHashMap<>();
        Objects.requireNonNull(numbers, "numbers").forEach((name, value) -> {
            if (!Double.isFinite(Objects.requireNonNull(value, "numbers[" + name + "]"))) {
                throw new IllegalArgumentException("numbers must be finite, but " + name + " was " + value);
            }
            copy.put(Objects.requireNonNull(name, "a number's name"), value);
        });
        numbers = Collections.unmodifiableMap(copy);
    }

    /**
     * Returns the metric with its segment, as series are named: {@code visitors (channel=email)}.
     *
     * @return the label
     */
    public String label() {
        return MetricSeries.label(metric, segment);
    }
}
