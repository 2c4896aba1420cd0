package io.kpiengine.core.analyze;

import io.kpiengine.analysis.Attribution;
import io.kpiengine.analysis.DriverChange;
import io.kpiengine.analysis.MixRate;
import io.kpiengine.analysis.MixRateSplit;
import io.kpiengine.analysis.SegmentChanges;
import io.kpiengine.analysis.SegmentRatio;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.metric.Aggregation;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.Measure;
import io.kpiengine.core.metric.Metric;
import io.kpiengine.core.metric.Ratio;
import io.kpiengine.core.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Which segments moved a metric between two periods: the change of the metric's total over its segments, ranked
 * (top contributors, detractors, concentration), and for a ratio metric the split into mix and rate effects.
 *
 * <pre>{@code
 * SegmentBreakdown b = results.segmentChanges("revenue", february, march);
 * b.changes().contributors().get(0);   // Contribution[name=channel=email, before=..., after=..., amount=..., share=...]
 * b.changes().detractors();
 * results.segmentChanges("conversion_rate", february, march).mixRate().orElseThrow().mixEffect();
 * }</pre>
 *
 * <p><b>What adds up.</b> For a sum or count measure the total is the sum of the segments, and each segment
 * contributes its own change ({@link Attribution#segments}). For a ratio {@code N / D * scale} whose numerator and
 * denominator are sum or count measures, the overall rate is {@code sum N / sum D * scale}; each segment contributes
 * its part {@code w r} of it ({@code w = D_s / sum D} its share of the denominator, {@code r} its own rate), so that
 * the contributions sum to the change of the overall rate, and {@link #mixRate()} splits each segment's part into
 * mix and rate effects ({@link MixRate}). Other metrics (averages, distinct counts, formulas) do not add up over
 * segments and are refused. Segments are named {@code dimension=value[, ...]}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SegmentBreakdown {

    private static final String STATISTIC = "segment changes";

    private final String metric;
    private final Period before;
    private final Period after;
    private final SegmentChanges changes;
    private final @Nullable MixRateSplit mixRate;
    private final Map<String, Map<String, String>> segments;

    private SegmentBreakdown(String metric, Period before, Period after, SegmentChanges changes, @Nullable MixRateSplit mixRate,
            Map<String, Map<String, String>> segments) {
        this.metric = metric;
        this.before = before;
        this.after = after;
        this.changes = changes;
        this.mixRate = mixRate;
        this.segments = segments;
    }

    /**
     * Splits a metric's change between two periods over its segments; {@code results.segmentChanges(metric,
     * before, after)} is the same.
     *
     * <pre>{@code
     * SegmentBreakdown b = SegmentBreakdown.of(results, "revenue", february, march);
     * }</pre>
     *
     * @param results the result table
     * @param metric the metric id
     * @param before the earlier period
     * @param after the later period
     * @return the breakdown
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the table has no such metric or period, the metric has no dimensions, or
     *     it does not add up over its segments (see above)
     * @throws IllegalStateException if the table carries no catalog
     * @throws MissingValueException if a segment has no value in one of the periods
     * @throws io.kpiengine.analysis.AnalysisException if a ratio's total denominator is 0 in a period
     */
    public static SegmentBreakdown of(KpiResults results, String metric, Period before, Period after) {
        Objects.requireNonNull(results, "results");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        MetricSeries.requireMetric(results, metric);
        Catalog catalog = AttributionQuery.catalogOf(results, STATISTIC);
        Metric m = catalog.metric(metric).orElseThrow(() -> new IllegalArgumentException("metric '" + metric
                + "' is not a metric of the catalog"));
        List<Map<String, String>> segs = MetricSeries.segments(results, metric);
        if (segs.size() == 1 && segs.get(0).isEmpty()) {
            throw new IllegalArgumentException("metric '" + metric + "' has no dimensions: it has no segments to split"
                    + " its change over");
        }
        Map<String, Map<String, String>> names = new LinkedHashMap<>();
        for (Map<String, String> s : segs) {
            names.put(MetricSeries.segmentText(s), s);
        }
        if (m instanceof Ratio r) {
            requireAdditive(catalog, r.numerator(), metric);
            requireAdditive(catalog, r.denominator(), metric);
            double scale = r.scale().doubleValue();
            List<SegmentRatio> parts = new ArrayList<>();
            for (Map.Entry<String, Map<String, String>> s : names.entrySet()) {
                Map<String, String> ns = MetricSeries.restrict(s.getValue(), catalog.dimensionsOf(r.numerator()));
                Map<String, String> ds = MetricSeries.restrict(s.getValue(), catalog.dimensionsOf(r.denominator()));
                parts.add(new SegmentRatio(s.getKey(),
                        scale * MetricSeries.cellValue(results, r.numerator(), ns, before, STATISTIC),
                        MetricSeries.cellValue(results, r.denominator(), ds, before, STATISTIC),
                        scale * MetricSeries.cellValue(results, r.numerator(), ns, after, STATISTIC),
                        MetricSeries.cellValue(results, r.denominator(), ds, after, STATISTIC)));
            }
            double d0 = parts.stream().mapToDouble(SegmentRatio::denominatorBefore).sum();
            double d1 = parts.stream().mapToDouble(SegmentRatio::denominatorAfter).sum();
            MixRateSplit split = MixRate.of(parts);
            List<DriverChange> weighted = new ArrayList<>();
            for (SegmentRatio p : parts) {
                weighted.add(DriverChange.of(p.name(), p.numeratorBefore() / d0, p.numeratorAfter() / d1));
            }
            return new SegmentBreakdown(metric, before, after, Attribution.segments(weighted), split, names);
        }
        requireAdditive(catalog, metric, metric);
        List<DriverChange> parts = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> s : names.entrySet()) {
            parts.add(DriverChange.of(s.getKey(), MetricSeries.cellValue(results, metric, s.getValue(), before,
                    STATISTIC), MetricSeries.cellValue(results, metric, s.getValue(), after, STATISTIC)));
        }
        return new SegmentBreakdown(metric, before, after, Attribution.segments(parts), null, names);
    }

    /** Whether a metric's segments add up to its total: a sum or a count. */
    static boolean isAdditive(Metric m) {
        return m instanceof Measure measure && (measure.aggregation() == Aggregation.SUM
                || measure.aggregation() == Aggregation.COUNT);
    }

    private static void requireAdditive(Catalog catalog, String id, String metric) {
        Metric m = catalog.metric(id).orElseThrow();
        if (!isAdditive(m)) {
            String aggregation = m instanceof Measure measure ? measure.aggregation().name().toLowerCase(
                    java.util.Locale.ROOT).replace('_', ' ') : "";
            String what = m instanceof Measure ? ("aeiou".indexOf(aggregation.charAt(0)) >= 0 ? "an " : "a ")
                    + aggregation + " measure" : m instanceof Ratio ? "a ratio" : "a formula";
            throw new IllegalArgumentException("segment changes need a metric whose segments add up to its total (a"
                    + " sum or count measure) or a ratio of two such measures, but '" + id + "'"
                    + (id.equals(metric) ? "" : " (in '" + metric + "')") + " is " + what);
        }
    }

    /**
     * Returns the metric id.
     *
     * @return the metric
     */
    public String metric() {
        return metric;
    }

    /**
     * Returns the earlier period.
     *
     * @return the period compared from
     */
    public Period before() {
        return before;
    }

    /**
     * Returns the later period.
     *
     * @return the period compared to
     */
    public Period after() {
        return after;
    }

    /**
     * Returns the segments' contributions to the change of the total (or of the overall rate), ranked.
     *
     * @return the contributions, named {@code dimension=value}
     */
    public SegmentChanges changes() {
        return changes;
    }

    /**
     * Returns the split of a ratio's change into mix and rate effects.
     *
     * @return the split (rates include the ratio's scale), or empty for a sum or count
     */
    public Optional<MixRateSplit> mixRate() {
        return Optional.ofNullable(mixRate);
    }

    /**
     * Returns the segment a contribution names.
     *
     * @param name a contribution's name, e.g. {@code channel=email}
     * @return dimension name to value, or empty when no segment has that name
     */
    public Optional<Map<String, String>> segment(String name) {
        return Optional.ofNullable(segments.get(Objects.requireNonNull(name, "name")));
    }

    @Override
    public String toString() {
        return "SegmentBreakdown[" + metric + " " + before + " -> " + after + ", " + changes + "]";
    }
}
