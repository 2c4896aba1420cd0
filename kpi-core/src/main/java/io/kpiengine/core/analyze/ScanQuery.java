package io.kpiengine.core.analyze;

import io.kpiengine.analysis.LeadLagRanking;
import io.kpiengine.analysis.LeadLagScan;
import io.kpiengine.analysis.Series;
import io.kpiengine.core.KpiResults;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which of several metrics lead which? A {@link LeadLagScan} of every ordered pair of series of the given metrics:
 * each segment of each metric is one series, named by {@link MetricSeries#label()} ({@code visitors (channel=email)}),
 * ranked with Benjamini–Hochberg control across the pairs.
 *
 * <pre>{@code
 * LeadLagRanking ranking = results.scan("visitors", "signups", "revenue")
 *         .where("channel", "email")        // only the email segment of the metrics that have a channel
 *         .maxLag(8)
 *         .run();
 * ranking.significant().forEach(f -> System.out.println(f.leading() + " leads " + f.lagging() + " by " + f.lead()));
 * }</pre>
 *
 * <p>The options not set keep {@link LeadLagScan}'s defaults (lags up to 12, orders up to 4, FDR 5 %, one thread).
 * Missing periods: {@code ERROR} (default) or {@code INTERPOLATE}. Not thread-safe; the ranking is immutable.
 */
public final class ScanQuery extends SeriesQuery<ScanQuery> {

    private static final String STATISTIC = "lead/lag scan";

    private final List<String> metrics;
    private final Map<String, String> where = new LinkedHashMap<>();
    private Integer maxLag;
    private Integer maxOrder;
    private Double fdr;
    private Integer threads;

    @SuppressWarnings("NullAway.Init") // an option left unset stays null until build() or the query applies its default
    private ScanQuery(KpiResults results, List<String> metrics) {
        super(results);
        this.metrics = metrics;
    }

    /**
     * Starts a scan of the series of several metrics of a table; {@code results.scan(metrics)} is the same.
     *
     * <pre>{@code
     * LeadLagRanking r = ScanQuery.of(results, "visitors", "revenue").run();
     * }</pre>
     *
     * @param results the result table
     * @param metrics the metric ids, at least one (a metric with segments gives a series per segment)
     * @return the query
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if no metric is given, one repeats, or the table has no such metric
     */
    public static ScanQuery of(KpiResults results, String... metrics) {
        Objects.requireNonNull(results, "results");
        List<String> ids = List.of(metrics);
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("metrics must name at least one metric, but none was given");
        }
        if (ids.stream().distinct().count() != ids.size()) {
            throw new IllegalArgumentException("metrics must be distinct, but were " + ids);
        }
        ids.forEach(m -> MetricSeries.requireMetric(results, m));
        return new ScanQuery(results, ids);
    }

    /**
     * Keeps the segments with a dimension value; metrics without that dimension keep all their series.
     *
     * <pre>{@code
     * results.scan("visitors", "revenue").where("region", "north").run();
     * }</pre>
     *
     * @param dimension the dimension name
     * @param value the value
     * @return this query
     * @throws NullPointerException if {@code dimension} is null
     * @throws IllegalStateException if the dimension was already restricted
     */
    public ScanQuery where(String dimension, String value) {
        Objects.requireNonNull(dimension, "dimension");
        if (where.containsKey(dimension)) {
            throw new IllegalStateException("where(" + dimension + ") was already set to '" + where.get(dimension)
                    + "', cannot set it to '" + value + "'");
        }
        where.put(dimension, value);
        return this;
    }

    /**
     * Sets the largest lag of the cross-correlations; see {@link LeadLagScan#maxLag(int)}.
     *
     * <pre>{@code
     * results.scan("visitors", "revenue").maxLag(8).run();
     * }</pre>
     *
     * @param lags the largest lag, at least 1
     * @return this query
     * @throws IllegalArgumentException if {@code lags < 1}
     * @throws IllegalStateException if it was already set
     */
    public ScanQuery maxLag(int lags) {
        maxLag = once(maxLag, LeadLagQuery.atLeastOne(lags, "maxLag"), "maxLag");
        return this;
    }

    /**
     * Sets the largest Granger lag order; see {@link LeadLagScan#maxOrder(int)}.
     *
     * <pre>{@code
     * results.scan("visitors", "revenue").maxOrder(2).run();
     * }</pre>
     *
     * @param order the largest order, at least 1
     * @return this query
     * @throws IllegalArgumentException if {@code order < 1}
     * @throws IllegalStateException if it was already set
     */
    public ScanQuery maxOrder(int order) {
        maxOrder = once(maxOrder, LeadLagQuery.atLeastOne(order, "maxOrder"), "maxOrder");
        return this;
    }

    /**
     * Sets the false discovery rate of the Benjamini–Hochberg control; see {@link LeadLagScan#fdr(double)}.
     *
     * <pre>{@code
     * results.scan("visitors", "revenue").fdr(0.1).run();
     * }</pre>
     *
     * @param rate the rate, in (0, 1)
     * @return this query
     * @throws IllegalArgumentException if {@code rate} is not in (0, 1)
     * @throws IllegalStateException if it was already set
     */
    public ScanQuery fdr(double rate) {
        fdr = once(fdr, fraction(rate, "fdr"), "fdr");
        return this;
    }

    /**
     * Sets the number of threads of the scan.
     *
     * <pre>{@code
     * results.scan("visitors", "revenue").threads(2).run();
     * }</pre>
     *
     * @param count the number of threads, at least 1
     * @return this query
     * @throws IllegalArgumentException if {@code count < 1}
     * @throws IllegalStateException if it was already set
     */
    public ScanQuery threads(int count) {
        threads = once(threads, LeadLagQuery.atLeastOne(count, "threads"), "threads");
        return this;
    }

    /**
     * Returns the series the scan runs on: every segment of every metric that passes {@link #where}.
     *
     * @return the series, in the order of the metrics and then of the table
     * @throws IllegalArgumentException if no series is left
     * @throws MissingValueException if a period has no value under {@code MissingPolicy.ERROR}
     */
    public List<MetricSeries> series() {
        MetricSeries.Axis axis = axis();
        List<MetricSeries> out = new ArrayList<>();
        for (String metric : metrics) {
            for (Map<String, String> segment : MetricSeries.segments(results, metric)) {
                boolean keep = true;
                for (Map.Entry<String, String> w : where.entrySet()) {
                    keep &= !segment.containsKey(w.getKey()) || Objects.equals(segment.get(w.getKey()), w.getValue());
                }
                if (keep) {
                    out.add(series(metric, segment, axis, STATISTIC));
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("where " + where + " leaves no series of " + metrics);
        }
        return List.copyOf(out);
    }

    /**
     * Runs the scan.
     *
     * @return every ordered pair, ranked
     * @throws IllegalArgumentException if fewer than two series are left, or the missing policy is {@code DROP}
     * @throws MissingValueException if a period has no value under {@code MissingPolicy.ERROR}
     * @throws io.kpiengine.analysis.AnalysisException if the series are too short for the lags asked
     */
    public LeadLagRanking run() {
        List<Series> list = series().stream().map(MetricSeries::series).toList();
        LeadLagScan scan = LeadLagScan.of(list).missing(missingPolicy());
        if (maxLag != null) {
            scan.maxLag(maxLag);
        }
        if (maxOrder != null) {
            scan.maxOrder(maxOrder);
        }
        if (fdr != null) {
            scan.fdr(fdr);
        }
        if (threads != null) {
            scan.threads(threads);
        }
        return scan.run();
    }
}
