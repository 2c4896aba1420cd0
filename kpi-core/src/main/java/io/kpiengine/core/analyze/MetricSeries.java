package io.kpiengine.core.analyze;

import io.kpiengine.analysis.MissingPolicy;
import io.kpiengine.analysis.Series;
import io.kpiengine.base.internal.Suggestions;
import io.kpiengine.core.KpiResult;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.time.Period;
import io.kpiengine.core.time.PeriodStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One metric's values for one segment over the periods of a result table, in period order: the bridge from
 * {@link KpiResults} to the statistics of {@code io.kpiengine.analysis}, whose {@link Series} it produces.
 *
 * <pre>{@code
 * MetricSeries email = MetricSeries.of(results, "visitors", Map.of("channel", "email"));
 * Series s = email.series();                  // named "visitors (channel=email)", NaN where a cell has no value
 * email.periods().get(0);                     // the period of point 0
 * email.reason(3).ifPresent(System.out::println);   // "NO_HISTORY: ..." when point 3 has no value
 * }</pre>
 *
 * <p><b>Periods.</b> Point {@code i} is the {@code i}-th period of the table's date spine (every period any cell of
 * the table has, in order), restricted to a range if one is given. Periods that are not
 * {@link PeriodStatus#COMPLETE complete} are left out unless asked for: the numbers of a partial period still move
 * (a week that is half over shows half a week's visitors) and a future period has none. A period of the spine where
 * the metric's cell has no value (a {@code NoValueReason}) is a missing point, NaN in the series, and keeps its reason;
 * the statistics handle missing points by their {@link MissingPolicy}, and under {@link MissingPolicy#ERROR} the
 * engine's queries throw a {@link MissingValueException} naming the period and the reason before any statistic runs.
 *
 * <p>Every series built over one table has the same periods, so two of them line up point by point as the lead/lag
 * statistics require. Instances are immutable and thread-safe.
 */
public final class MetricSeries {

    private final String metric;
    private final Map<String, String> segment;
    private final String label;
    private final List<Period> periods;
    private final double[] values;
    private final String[] reasons;
    private final Series series;

    private MetricSeries(String metric, Map<String, String> segment, List<Period> periods, double[] values,
            String[] reasons) {
        this.metric = metric;
        this.segment = segment;
        this.label = label(metric, segment);
        this.periods = periods;
        this.values = values;
        this.reasons = reasons;
        this.series = Series.of(label, values);
    }

    /**
     * Returns the series of a metric in one segment over every complete period of the table.
     *
     * @param results the result table
     * @param metric the metric id
     * @param segment every dimension of the metric with its value; empty for a metric without dimensions
     * @return the series
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the table has no such metric or the metric no such segment
     */
    public static MetricSeries of(KpiResults results, String metric, Map<String, String> segment) {
        return of(results, metric, segment, Axis.of(results, null, null, false));
    }

    static MetricSeries of(KpiResults results, String metric, Map<String, String> segment, Axis axis) {
        Objects.requireNonNull(results, "results");
        Objects.requireNonNull(segment, "segment");
        List<KpiResult> cells = cellsOf(results, metric, segment);
        double[] values = new double[axis.periods.size()];
        String[] reasons = new String[values.length];
        Arrays.fill(values, Double.NaN);
        Arrays.fill(reasons, "the table has no cell for this period");
        for (KpiResult cell : cells) {
            Integer i = axis.index.get(cell.period());
            if (i != null) {
                values[i] = cell.value().asDouble().orElse(Double.NaN);
                reasons[i] = cell.value().isPresent() ? null
                        : cell.value().reason().map(Enum::name).orElse("") + ": " + cell.value().detail().orElse("");
            }
        }
        return new MetricSeries(metric, copy(segment), axis.periods, values, reasons);
    }

    /** The cells of one metric and segment; misuse (unknown metric or segment) names the candidates. */
    static List<KpiResult> cellsOf(KpiResults results, String metric, Map<String, String> segment) {
        requireMetric(results, metric);
        List<KpiResult> cells = results.series(metric, segment);
        if (cells.isEmpty()) {
            List<Map<String, String>> known = segments(results, metric);
            throw new IllegalArgumentException("segment must be a segment of metric '" + metric + "', but was "
                    + segment + "; its segments are " + (known.size() <= 10 ? known
                    : known.subList(0, 10) + " and " + (known.size() - 10) + " more"));
        }
        return cells;
    }

    /** Fails unless the table has the metric, offering the nearest ids. */
    static String requireMetric(KpiResults results, String metric) {
        Objects.requireNonNull(metric, "metric");
        if (!results.metrics().contains(metric)) {
            throw new IllegalArgumentException("metric must be one of " + results.metrics() + ", but was '" + metric
                    + "'" + Suggestions.didYouMean(Suggestions.closest(metric, results.metrics())));
        }
        return metric;
    }

    /**
     * The value of one cell, for statistics that compare two periods.
     *
     * @throws IllegalArgumentException if the table has no such metric, segment or period
     * @throws MissingValueException if the cell has no value
     */
    static double cellValue(KpiResults results, String metric, Map<String, String> segment, Period period,
            String statistic) {
        cellsOf(results, metric, segment);
        KpiResult cell = results.value(metric, Objects.requireNonNull(period, "period"), segment)
                .orElseThrow(() -> new IllegalArgumentException("period must be a period of the table, but the table"
                        + " has no cell of '" + label(metric, segment) + "' in " + period));
        if (!cell.value().isPresent()) {
            throw new MissingValueException(metric, segment, period, statistic + ": '" + label(metric, segment)
                    + "' has no value in " + period + " (" + cell.value().reason().map(Enum::name).orElse("") + ": "
                    + cell.value().detail().orElse("") + ")");
        }
        return cell.value().value();
    }

    /** The part of a segment that names dimensions of the metric: the segment of an input of a formula. */
    static Map<String, String> restrict(Map<String, String> segment, List<String> dimensions) {
        Map<String, String> out = new LinkedHashMap<>();
        segment.forEach((k, v) -> {
            if (dimensions.contains(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    /**
     * A leading and a lagging series that pair (see {@link #pairs}).
     *
     * @param leading the segment of the leading metric
     * @param lagging the segment of the lagging metric
     */
    public record Pair(Map<String, String> leading, Map<String, String> lagging) {

        /**
         * Copies the segments.
         *
         * @param leading the segment of the leading metric
         * @param lagging the segment of the lagging metric
         */
        public Pair {
            leading = copy(leading);
            lagging = copy(lagging);
        }
    }

    /**
     * The series of a leading and a lagging metric that pair: every segment of one with every segment of the other
     * that agrees with it on their common dimensions (email visitors with email revenue; each channel's visitors
     * with total revenue), in table order, lagging segments first. Used by the leading-indicator points and by
     * {@code kpi analyze --lead-lag}.
     *
     * <pre>{@code
     * for (MetricSeries.Pair p : MetricSeries.pairs(results, "visitors", "revenue")) {
     *     results.leadLag("visitors", "revenue").leadingSegment(p.leading()).laggingSegment(p.lagging()).run();
     * }
     * }</pre>
     *
     * @param results the result table
     * @param leading the leading metric id
     * @param lagging the lagging metric id
     * @return the pairs
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the table has no such metric, or (with the table's catalog) neither
     *     metric's dimensions hold the other's, so that their series do not pair
     */
    public static List<Pair> pairs(KpiResults results, String leading, String lagging) {
        Objects.requireNonNull(results, "results");
        for (String m : List.of(leading, lagging)) {
            if (!results.metrics().contains(m)) {
                throw new IllegalArgumentException("the table has no metric '" + m + "'; its metrics are "
                        + results.metrics() + Suggestions.didYouMean(m, results.metrics()));
            }
        }
        results.catalog().ifPresent(c -> {
            Set<String> dl = new HashSet<>(c.dimensionsOf(leading));
            Set<String> dm = new HashSet<>(c.dimensionsOf(lagging));
            if (!dl.containsAll(dm) && !dm.containsAll(dl)) {
                throw new IllegalArgumentException("'" + leading + "' has the dimensions " + dl + " and '" + lagging
                        + "' " + dm + "; neither holds the other, so their series do not pair");
            }
        });
        List<Pair> out = new ArrayList<>();
        for (Map<String, String> sm : segments(results, lagging)) {
            for (Map<String, String> sl : segments(results, leading)) {
                boolean agree = true;
                for (Map.Entry<String, String> e : sl.entrySet()) {
                    agree &= !sm.containsKey(e.getKey()) || Objects.equals(sm.get(e.getKey()), e.getValue());
                }
                if (agree) {
                    out.add(new Pair(sl, sm));
                }
            }
        }
        return out;
    }

    /** Every segment of a metric in the table, in table order. */
    static List<Map<String, String>> segments(KpiResults results, String metric) {
        Set<Map<String, String>> out = new LinkedHashSet<>();
        for (KpiResult r : results.metric(metric)) {
            out.add(r.dimensions());
        }
        return List.copyOf(out);
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
     * Returns the segment: dimension name to value, in the metric's dimension order.
     *
     * @return an unmodifiable map, empty for a metric without dimensions
     */
    public Map<String, String> segment() {
        return segment;
    }

    /**
     * Returns the name of the series in messages and results: the metric id, followed by the segment in parentheses
     * when there is one, e.g. {@code visitors (channel=email)}.
     *
     * @return the label
     */
    public String label() {
        return label;
    }

    /**
     * Returns the periods, point {@code i} being period {@code i}.
     *
     * @return an immutable list in period order
     */
    public List<Period> periods() {
        return periods;
    }

    /**
     * Returns the number of points, missing ones included.
     *
     * @return the number of periods
     */
    public int size() {
        return values.length;
    }

    /**
     * Returns the index of a period.
     *
     * @param period the period
     * @return its index, or empty when it is not one of {@link #periods()}
     * @throws NullPointerException if {@code period} is null
     */
    public OptionalInt indexOf(Period period) {
        Objects.requireNonNull(period, "period");
        int i = Collections.binarySearch(periods, period);
        return i >= 0 ? OptionalInt.of(i) : OptionalInt.empty();
    }

    /**
     * Returns the series for the statistics of {@code io.kpiengine.analysis}, named {@link #label()}.
     *
     * @return the series, NaN where a cell has no value
     */
    public Series series() {
        return series;
    }

    /**
     * Returns the number of missing points.
     *
     * @return the periods without a value
     */
    public int missingCount() {
        return series.missingCount();
    }

    /**
     * Returns why a point is missing.
     *
     * @param index the point, from 0
     * @return the cell's reason and detail, e.g. {@code "NO_HISTORY: ..."}, or empty when the point has a value
     * @throws IndexOutOfBoundsException if {@code index} is not in {@code [0, size())}
     */
    public Optional<String> reason(int index) {
        Objects.checkIndex(index, values.length);
        return Optional.ofNullable(reasons[index]);
    }

    /**
     * Throws when a point is missing and the policy is {@link MissingPolicy#ERROR}, naming the first missing period
     * and its reason: the message a user can act on, before the statistic (which knows only indexes) would fail.
     */
    MetricSeries require(MissingPolicy policy, String statistic) {
        if (policy != MissingPolicy.ERROR || missingCount() == 0) {
            return this;
        }
        int first = 0;
        while (reasons[first] == null) {
            first++;
        }
        throw new MissingValueException(metric, segment, periods.get(first), statistic + ": series '" + label
                + "' has no value in " + missingCount() + " of " + size() + " periods, the first " + periods.get(first)
                + " (" + reasons[first] + "); choose other periods, or pass MissingPolicy.INTERPOLATE to fill them");
    }

    /**
     * Returns the points from {@code from} to {@code to} (exclusive) as a new series over those periods.
     */
    MetricSeries slice(int from, int to) {
        return new MetricSeries(metric, segment, periods.subList(from, to), Arrays.copyOfRange(values, from, to),
                Arrays.copyOfRange(reasons, from, to));
    }

    /** The value of a point, NaN when missing. */
    double value(int index) {
        return values[index];
    }

    @Override
    public String toString() {
        return "MetricSeries[" + label + ", " + size() + " periods, " + missingCount() + " missing]";
    }

    /** An unmodifiable copy of a segment that keeps its order and allows a missing (null) value. */
    static Map<String, String> copy(Map<String, String> segment) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(segment, "segment")));
    }

    /** The label of a metric in a segment: {@code visitors (channel=email, region=north)}. */
    static String label(String metric, Map<String, String> segment) {
        return segment.isEmpty() ? metric : metric + " (" + segmentText(segment) + ")";
    }

    /** {@code channel=email, region=north}; a missing dimension value reads {@code (none)}. */
    static String segmentText(Map<String, String> segment) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : segment.entrySet()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(e.getKey()).append('=')
                    .append(e.getValue() == null ? "(none)" : e.getValue());
        }
        return sb.toString();
    }

    /**
     * The periods of a table that series are laid over: every period of any cell, in order, within a range, complete
     * ones only unless partial periods are asked for. Built once per query so that every series of it lines up.
     */
    static final class Axis {
        final List<Period> periods;
        final Map<Period, Integer> index;

        private Axis(List<Period> periods) {
            this.periods = List.copyOf(periods);
            this.index = new HashMap<>();
            for (int i = 0; i < this.periods.size(); i++) {
                index.put(this.periods.get(i), i);
            }
        }

        static Axis of(KpiResults results, @Nullable Period from, @Nullable Period to, boolean partial) {
            Map<Period, PeriodStatus> status = new TreeMap<>();
            for (KpiResult r : results.rows()) {
                if (from != null && r.period().start().isBefore(from.start())) {
                    continue;
                }
                if (to != null && r.period().end().isAfter(to.end())) {
                    continue;
                }
                status.putIfAbsent(r.period(), r.status());
            }
            List<Period> out = new ArrayList<>();
            status.forEach((p, s) -> {
                if (s == PeriodStatus.COMPLETE || partial && s == PeriodStatus.PARTIAL) {
                    out.add(p);
                }
            });
            return new Axis(out);
        }
    }
}
