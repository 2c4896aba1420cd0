package io.kpiengine.core.analyze;

import io.kpiengine.analysis.MissingPolicy;
import io.kpiengine.core.KpiResults;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What in a result table deserves attention? A ranked list of {@link ImprovementPoint}s found by four built-in
 * detectors, plus those of any {@link ImprovementDetector} added and any points {@linkplain #include included}
 * (a tracking scorecard's gaps to target, off-track streaks and critical alerts):
 *
 * <ul>
 *   <li><b>{@value ImprovementPoint#UNUSUAL_CHANGE}</b>: the change of a series into the last period, against the
 *       changes of the {@code window} periods before: robust z {@code (d - median) / (1.4826 MAD)}; reported at
 *       {@code |z| >= threshold}.</li>
 *   <li><b>{@value ImprovementPoint#CHANGE_CONTRIBUTOR}</b>: for a metric whose segments add up (a sum or count, or a
 *       ratio of two), the same test on its total; when the total's change is unusual, the segments that made most of
 *       it ({@link SegmentBreakdown}): the {@code contributors} largest in the direction of the change that made at
 *       least 10 % of it.</li>
 *   <li><b>{@value ImprovementPoint#TREND_BREAK}</b>: a shift of a series' mean level around its Theil–Sen trend line
 *       (PELT with a BIC penalty on the residuals) whose new level starts in the last {@code recent} periods and has
 *       lasted at least 3 of them (a single unusual period is an unusual change).</li>
 *   <li><b>{@value ImprovementPoint#LEADING_INDICATOR}</b>: for each metric that lists {@code leadingIndicators} in
 *       the catalog, a {@link io.kpiengine.analysis.LeadLag} analysis of each leading metric against it
 *       (differenced ccf for the lead, Granger tests, the lagged regression on percent changes); reported when the
 *       Granger p-value at the lead is below 0.05 and the 95 % prediction interval of the metric's change lies
 *       wholly on the adverse side of 0 (a fall, or a rise for a lower-is-better metric).</li>
 * </ul>
 *
 * <pre>{@code
 * ImprovementPoints found = results.improvementPoints()
 *         .metrics("revenue", "visitors")
 *         .window(8)
 *         .include(scorecard.improvementPoints())  // gaps to target, streaks, alerts: ranked with the others
 *         .run();
 * found.points().stream().limit(10).forEach(p -> System.out.println(p.score() + " " + p.summary()));
 * }</pre>
 *
 * <p><b>Series.</b> Each series of a metric (one per segment) runs over the table's complete periods (see
 * {@link SeriesQuery} for the range options), cut to its first and last period with a value. A period without a value
 * inside that stretch skips the series under {@code MissingPolicy.ERROR} (the default) and is filled under
 * {@code INTERPOLATE}; {@code DROP} is refused. The changes are those into the table's last period; a series without
 * a value there is not checked for them. Whatever is skipped is named in {@link ImprovementPoints#notes()}.
 *
 * <p>Defaults: all metrics, window 12, threshold 3, recent 4, lags up to 12, 3 contributors. Not thread-safe; the
 * result is immutable.
 */
public final class ImprovementQuery extends SeriesQuery<ImprovementQuery> {

    private List<String> metrics;
    private Integer window;
    private Double threshold;
    private Integer recent;
    private Integer maxLag;
    private Integer contributors;
    private final List<ImprovementDetector> detectors = new ArrayList<>();
    private final List<ImprovementPoints> included = new ArrayList<>();

    @SuppressWarnings("NullAway.Init") // an option left unset stays null until build() or the query applies its default
    private ImprovementQuery(KpiResults results) {
        super(results);
    }

    /**
     * Starts a search for improvement points; {@code results.improvementPoints()} is the same.
     *
     * <pre>{@code
     * ImprovementPoints found = ImprovementQuery.of(results).run();
     * }</pre>
     *
     * @param results the result table
     * @return the query
     * @throws NullPointerException if {@code results} is null
     */
    public static ImprovementQuery of(KpiResults results) {
        return new ImprovementQuery(results);
    }

    /**
     * Looks at these metrics only (leading indicators of them are still read).
     *
     * <pre>{@code
     * results.improvementPoints().metrics("revenue", "orders").run();
     * }</pre>
     *
     * @param ids the metric ids, at least one
     * @return this query
     * @throws NullPointerException if an id is null
     * @throws IllegalArgumentException if none is given or the table has no such metric
     * @throws IllegalStateException if it was already set
     */
    public ImprovementQuery metrics(String... ids) {
        List<String> list = List.of(ids);
        if (list.isEmpty()) {
            throw new IllegalArgumentException("metrics must name at least one metric, but none was given");
        }
        list.forEach(m -> MetricSeries.requireMetric(results, m));
        metrics = once(metrics, list, "metrics");
        return this;
    }

    /**
     * Sets how many changes before the last one an unusual change is measured against.
     *
     * <pre>{@code
     * results.improvementPoints().window(8).run();
     * }</pre>
     *
     * @param periods the number of changes, at least {@value Detectors#MIN_WINDOW}
     * @return this query
     * @throws IllegalArgumentException if {@code periods} is below the minimum
     * @throws IllegalStateException if it was already set
     */
    public ImprovementQuery window(int periods) {
        if (periods < Detectors.MIN_WINDOW) {
            throw new IllegalArgumentException("window must be at least " + Detectors.MIN_WINDOW + ", but was "
                    + periods);
        }
        window = once(window, periods, "window");
        return this;
    }

    /**
     * Sets the robust z from which a change is unusual.
     *
     * <pre>{@code
     * results.improvementPoints().threshold(2.5).run();
     * }</pre>
     *
     * @param z the threshold, positive
     * @return this query
     * @throws IllegalArgumentException if {@code z} is not positive and finite
     * @throws IllegalStateException if it was already set
     */
    public ImprovementQuery threshold(double z) {
        if (!(z > 0) || Double.isInfinite(z)) {
            throw new IllegalArgumentException("threshold must be positive and finite, but was " + z);
        }
        threshold = once(threshold, z, "threshold");
        return this;
    }

    /**
     * Sets how recent a trend break must be: its new level starts in one of the last {@code periods} periods.
     *
     * <pre>{@code
     * results.improvementPoints().recent(6).run();
     * }</pre>
     *
     * @param periods the number of periods, at least {@value Detectors#MIN_NEW_LEVEL} (a new level lasts that long)
     * @return this query
     * @throws IllegalArgumentException if {@code periods} is below the minimum
     * @throws IllegalStateException if it was already set
     */
    public ImprovementQuery recent(int periods) {
        if (periods < Detectors.MIN_NEW_LEVEL) {
            throw new IllegalArgumentException("recent must be at least " + Detectors.MIN_NEW_LEVEL + ", but was "
                    + periods);
        }
        recent = once(recent, periods, "recent");
        return this;
    }

    /**
     * Sets the largest lead looked for between a leading indicator and its metric.
     *
     * <pre>{@code
     * results.improvementPoints().maxLag(6).run();
     * }</pre>
     *
     * @param lags the largest lag, at least 1
     * @return this query
     * @throws IllegalArgumentException if {@code lags < 1}
     * @throws IllegalStateException if it was already set
     */
    public ImprovementQuery maxLag(int lags) {
        maxLag = once(maxLag, LeadLagQuery.atLeastOne(lags, "maxLag"), "maxLag");
        return this;
    }

    /**
     * Sets how many segments are reported as contributors to one unusual change of a total.
     *
     * <pre>{@code
     * results.improvementPoints().contributors(1).run();
     * }</pre>
     *
     * @param count the number of segments, at least 1
     * @return this query
     * @throws IllegalArgumentException if {@code count < 1}
     * @throws IllegalStateException if it was already set
     */
    public ImprovementQuery contributors(int count) {
        contributors = once(contributors, LeadLagQuery.atLeastOne(count, "contributors"), "contributors");
        return this;
    }

    /**
     * Adds a detector whose points are ranked with the built-in ones; may be called for several detectors.
     *
     * <pre>{@code
     * results.improvementPoints().detector(lateOrders).run();
     * }</pre>
     *
     * @param detector the detector
     * @return this query
     * @throws NullPointerException if {@code detector} is null
     */
    public ImprovementQuery detector(ImprovementDetector detector) {
        detectors.add(Objects.requireNonNull(detector, "detector"));
        return this;
    }

    /**
     * Adds points found elsewhere, ranked with the built-in ones, and their notes: above all a tracking
     * scorecard's gaps to target, off-track streaks and open critical alerts ({@code Scorecard.improvementPoints()}
     * in {@code io.kpiengine.core.track}), whose scores are on the same scale. With {@link #metrics(String...)} set,
     * only the included points of those metrics are kept (their notes are kept as they are). May be called several
     * times.
     *
     * <pre>{@code
     * Scorecard card = Tracker.of(catalog).track(results);
     * ImprovementPoints all = results.improvementPoints().include(card.improvementPoints()).run();
     * }</pre>
     *
     * @param points the points and notes to add
     * @return this query
     * @throws NullPointerException if {@code points} is null
     */
    public ImprovementQuery include(ImprovementPoints points) {
        included.add(Objects.requireNonNull(points, "points"));
        return this;
    }

    /**
     * Runs every detector and ranks the points.
     *
     * @return the points, highest score first, and the notes on what could not be checked
     * @throws IllegalArgumentException if the missing policy is {@code DROP}
     * @throws NullPointerException if an added detector returns null or a null point
     */
    public ImprovementPoints run() {
        if (missingPolicy() == MissingPolicy.DROP) {
            throw new IllegalArgumentException("improvement points need every period in place: missing must be ERROR"
                    + " or INTERPOLATE, but was DROP");
        }
        Detectors d = new Detectors(results, axis(), missingPolicy(), window == null ? 12 : window,
                threshold == null ? 3.0 : threshold, recent == null ? 4 : recent, maxLag == null ? 12 : maxLag,
                contributors == null ? 3 : contributors);
        List<ImprovementPoint> points = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        d.run(metrics == null ? results.metrics() : metrics, points, notes);
        for (ImprovementDetector detector : detectors) {
            for (ImprovementPoint p : Objects.requireNonNull(detector.detect(results), "points of a detector")) {
                points.add(Objects.requireNonNull(p, "a point of a detector"));
            }
        }
        for (ImprovementPoints more : included) {
            more.points().stream().filter(p -> metrics == null || metrics.contains(p.metric())).forEach(points::add);
            notes.addAll(more.notes());
        }
        points.sort(ImprovementPoints.RANKING);
        return new ImprovementPoints(d.last(), points, notes);
    }
}
