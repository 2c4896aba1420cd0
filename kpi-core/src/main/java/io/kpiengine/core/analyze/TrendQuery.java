package io.kpiengine.core.analyze;

import io.kpiengine.analysis.ChangePoints;
import io.kpiengine.analysis.MissingPolicy;
import io.kpiengine.analysis.Series;
import io.kpiengine.analysis.Trend;
import io.kpiengine.core.KpiResults;
import java.util.ArrayList;
import java.util.List;

/**
 * Is a metric going up or down, and did its level shift? The {@link Trend} statistics (least-squares slope,
 * Theil–Sen slope, Mann–Kendall test) and the {@link ChangePoints} of one metric's series, over the periods of a
 * result table.
 *
 * <pre>{@code
 * TrendReport t = results.trend("revenue").segment(Map.of("channel", "email")).run();
 * t.ols().slope();                          // change per period
 * t.mannKendall().direction();              // INCREASING, DECREASING or NONE at 5 %
 * t.breaks();                               // [2025-W14]: the first period of each new mean level
 * }</pre>
 *
 * <p>Missing periods: {@code ERROR} (default), {@code DROP} (the trend statistics keep each remaining point at its own
 * period; the change points are looked for among the remaining points) or {@code INTERPOLATE}. Not thread-safe; the
 * report is immutable.
 */
public final class TrendQuery extends MetricQuery<TrendQuery> {

    private static final String STATISTIC = "trend";

    private Double confidence;

    @SuppressWarnings("NullAway.Init") // an option left unset stays null until build() or the query applies its default
    private TrendQuery(KpiResults results, String metric) {
        super(results, metric);
    }

    /**
     * Starts a trend analysis of one metric of a table; {@code results.trend(metric)} is the same.
     *
     * <pre>{@code
     * TrendReport t = TrendQuery.of(results, "revenue").run();
     * }</pre>
     *
     * @param results the result table
     * @param metric the metric id
     * @return the query
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the table has no such metric
     */
    public static TrendQuery of(KpiResults results, String metric) {
        return new TrendQuery(results, metric);
    }

    /**
     * Sets the confidence level of the slope intervals; the Mann–Kendall test runs at {@code 1 - level}.
     *
     * <pre>{@code
     * results.trend("revenue").confidence(0.9).run();
     * }</pre>
     *
     * @param level the level, in (0, 1); 0.95 by default
     * @return this query
     * @throws IllegalArgumentException if {@code level} is not in (0, 1)
     * @throws IllegalStateException if it was already set
     */
    public TrendQuery confidence(double level) {
        confidence = once(confidence, SeriesQuery.fraction(level, "confidence"), "confidence");
        return this;
    }

    /**
     * Runs the trend statistics and the change-point detection.
     *
     * @return the report
     * @throws IllegalArgumentException if the metric has no such segment, or needs one
     * @throws MissingValueException if a period has no value under {@code MissingPolicy.ERROR}
     * @throws io.kpiengine.analysis.AnalysisException if fewer than 4 points remain
     */
    public TrendReport run() {
        MetricSeries s = series(STATISTIC);
        return report(s, confidence == null ? 0.95 : confidence, missingPolicy());
    }

    /** The trend statistics of a series; change points among the present points under {@code DROP}. */
    static TrendReport report(MetricSeries s, double level, MissingPolicy policy) {
        Series series = s.series();
        ChangePoints shifts;
        List<Integer> kept = new ArrayList<>();
        if (policy == MissingPolicy.DROP) {
            for (int i = 0; i < s.size(); i++) {
                if (!Double.isNaN(s.value(i))) {
                    kept.add(i);
                }
            }
            shifts = ChangePoints.detect(series.withMissing(MissingPolicy.DROP));
        } else {
            for (int i = 0; i < s.size(); i++) {
                kept.add(i);
            }
            shifts = ChangePoints.detect(series, policy);
        }
        return new TrendReport(s, Trend.ols(series, level, policy), Trend.theilSen(series, level, policy),
                Trend.mannKendall(series, 1 - level, policy), shifts,
                shifts.indices().stream().map(i -> s.periods().get(kept.get(i))).toList());
    }
}
