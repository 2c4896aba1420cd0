package io.kpiengine.core;

import io.kpiengine.core.analyze.AttributionQuery;
import io.kpiengine.core.analyze.DecompositionQuery;
import io.kpiengine.core.analyze.ImprovementQuery;
import io.kpiengine.core.analyze.LeadLagQuery;
import io.kpiengine.core.analyze.ScanQuery;
import io.kpiengine.core.analyze.SegmentBreakdown;
import io.kpiengine.core.analyze.TrendQuery;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.time.Period;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The immutable table of KPI values an engine run produced: one {@link KpiResult} per metric, period and
 * combination of dimension values, with the quality verdict of the data behind it and the aggregation state to
 * resume from.
 *
 * <pre>{@code
 * KpiResults results = engine.evaluate(Map.of("events", source));
 * List<KpiResult> march = results.query()
 *         .metric("revenue")
 *         .from(calendar.parse("2025-03-01")).to(calendar.parse("2025-03-31"))
 *         .where("channel", "email")
 *         .list();
 * if (results.quality().verdict() == QualityVerdict.FAIL) { ... }
 * }</pre>
 *
 * <p>Rows are ordered by metric (catalog order), then dimension values (ascending, missing last), then
 * period. Instances are immutable and thread-safe.
 */
public final class KpiResults {

    /** The cells as series, in table order: one block per metric and combination of dimension values. */
    private final List<Block> blocks;
    private final List<String> metricIds;
    private final DataQuality quality;
    private final Supplier<AggregationState> state;
    private final List<String> warnings;
    /** Every cell in table order; made on first use when the table was built from blocks. */
    private volatile @Nullable List<KpiResult> rows;
    /** The cells of each metric; made on first use. */
    private volatile @Nullable Map<String, List<KpiResult>> byMetric;
    /** Per metric, per dimension values: the cells by period; built on the first look-up. */
    private volatile @Nullable Map<String, Map<Map<String, String>, Series>> index;
    private final @Nullable Catalog catalog;

    /**
     * One series of the table: a metric at one combination of dimension values, its cells ordered by period.
     *
     * @param metric the metric id
     * @param dimensions the dimension values
     * @param cells the cells; an immutable list
     */
    record Block(String metric, Map<String, String> dimensions, List<KpiResult> cells) {
    }

    KpiResults(List<KpiResult> rows, DataQuality quality, AggregationState state, List<String> warnings) {
        this(rows, quality, state, warnings, null);
    }

    KpiResults(List<KpiResult> rows, DataQuality quality, AggregationState state, List<String> warnings,
            @Nullable Catalog catalog) {
        this(rows, quality, () -> state, warnings, catalog);
    }

    /** Results whose state is made on request (an accumulator's snapshot). */
    KpiResults(List<KpiResult> rows, DataQuality quality, Supplier<AggregationState> state, List<String> warnings,
            @Nullable Catalog catalog) {
        this(List.copyOf(rows), quality, state, warnings, catalog, 0);
    }

    private KpiResults(List<KpiResult> copy, DataQuality quality, Supplier<AggregationState> state,
            List<String> warnings, @Nullable Catalog catalog, int unused) {
        this(blocksOf(copy), quality, state, warnings, catalog, true);
        this.rows = copy;
    }

    /**
     * Results over series that are already grouped (an accumulator's snapshot, whose unchanged series are shared
     * with the previous snapshot); every row list is made on first use.
     */
    KpiResults(List<Block> blocks, DataQuality quality, Supplier<AggregationState> state, List<String> warnings,
            @Nullable Catalog catalog, boolean grouped) {
        this.blocks = List.copyOf(blocks);
        List<String> ids = new ArrayList<>();
        for (Block b : this.blocks) {
            if (ids.isEmpty() || !ids.get(ids.size() - 1).equals(b.metric())) {
                if (!ids.contains(b.metric())) {
                    ids.add(b.metric());
                }
            }
        }
        this.metricIds = List.copyOf(ids);
        this.quality = Objects.requireNonNull(quality, "quality");
        this.state = state;
        this.warnings = List.copyOf(warnings);
        this.catalog = catalog;
    }

    /** The consecutive runs of rows of one metric and one combination of dimension values. */
    private static List<Block> blocksOf(List<KpiResult> rows) {
        List<Block> out = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= rows.size(); i++) {
            if (i == rows.size() || !sameSeries(rows.get(i), rows.get(start))) {
                if (i > start) {
                    KpiResult r = rows.get(start);
                    out.add(new Block(r.metric(), r.dimensions(), rows.subList(start, i)));
                }
                start = i;
            }
        }
        return out;
    }

    private static boolean sameSeries(KpiResult a, KpiResult b) {
        return a.metric().equals(b.metric())
                && (a.dimensions() == b.dimensions() || a.dimensions().equals(b.dimensions()));
    }

    /**
     * Every cell.
     *
     * @return an immutable list
     */
    public List<KpiResult> rows() {
        List<KpiResult> r = rows;
        if (r == null) {
            List<KpiResult> all = new ArrayList<>();
            blocks.forEach(b -> all.addAll(b.cells()));
            r = Collections.unmodifiableList(all);
            rows = r;
        }
        return r;
    }

    /**
     * The ids of the metrics in the table, in catalog order.
     *
     * @return an immutable list
     */
    public List<String> metrics() {
        return metricIds;
    }

    /**
     * Every cell of a metric.
     *
     * @param metric the metric id
     * @return an immutable list, ordered by dimension values then period
     * @throws IllegalArgumentException if the table has no such metric
     */
    public List<KpiResult> metric(String metric) {
        Map<String, List<KpiResult>> m = byMetric;
        if (m == null) {
            Map<String, List<KpiResult>> map = new LinkedHashMap<>();
            for (Block b : blocks) {
                map.computeIfAbsent(b.metric(), k -> new ArrayList<>()).addAll(b.cells());
            }
            map.replaceAll((k, v) -> Collections.unmodifiableList(v));
            m = Collections.unmodifiableMap(map);
            byMetric = m;
        }
        List<KpiResult> list = m.get(Objects.requireNonNull(metric, "metric"));
        if (list == null) {
            throw new IllegalArgumentException("metric must be one of " + metricIds + ", but was '" + metric + "'");
        }
        return list;
    }

    /**
     * The time series of a metric for one combination of dimension values.
     *
     * @param metric the metric id
     * @param dimensions every dimension of the metric with its value (empty for a metric without dimensions)
     * @return the cells ordered by period
     * @throws IllegalArgumentException if the table has no such metric
     */
    public List<KpiResult> series(String metric, Map<String, String> dimensions) {
        metric(metric);
        Series s = seriesOf(metric, Objects.requireNonNull(dimensions, "dimensions"));
        return s == null ? List.of() : s.cells();
    }

    /**
     * The time series of a metric without dimensions.
     *
     * @param metric the metric id
     * @return the cells ordered by period
     */
    public List<KpiResult> series(String metric) {
        return series(metric, Map.of());
    }

    /**
     * One cell.
     *
     * @param metric the metric id
     * @param period the period
     * @param dimensions every dimension of the metric with its value
     * @return the cell, or empty if the table has none for these coordinates
     */
    public Optional<KpiResult> value(String metric, Period period, Map<String, String> dimensions) {
        Objects.requireNonNull(period, "period");
        metric(metric);
        Series s = seriesOf(metric, Objects.requireNonNull(dimensions, "dimensions"));
        return s == null ? Optional.empty() : Optional.ofNullable(s.at(period));
    }

    /** One series of a metric of the table, null when the table has no such segment. */
    private @Nullable Series seriesOf(String metric, Map<String, String> dimensions) {
        Map<Map<String, String>, Series> ofMetric = index().get(metric);
        return ofMetric == null ? null : ofMetric.get(dimensions);
    }

    /** The index of the series, built once (O(series)); every look-up after it is O(1). */
    private Map<String, Map<Map<String, String>, Series>> index() {
        Map<String, Map<Map<String, String>, Series>> built = index;
        if (built == null) {
            Map<String, Map<Map<String, String>, List<KpiResult>>> grouped = new HashMap<>();
            for (Block b : blocks) {
                grouped.computeIfAbsent(b.metric(), k -> new HashMap<>())
                        .merge(b.dimensions(), b.cells(), (x, y) -> {
                            List<KpiResult> both = new ArrayList<>(x);
                            both.addAll(y);
                            return both;
                        });
            }
            built = new HashMap<>();
            for (Map.Entry<String, Map<Map<String, String>, List<KpiResult>>> m : grouped.entrySet()) {
                Map<Map<String, String>, Series> series = new HashMap<>();
                m.getValue().forEach((dims, cells) -> series.put(dims, Series.of(cells)));
                built.put(m.getKey(), series);
            }
            index = built;
        }
        return built;
    }

    /**
     * The cells of one metric and segment ordered by period: an array addressed by period index when the periods
     * are consecutive (a date spine), a map otherwise.
     */
    private record Series(List<KpiResult> cells, long first, @Nullable Map<Period, KpiResult> byPeriod) {

        static Series of(List<KpiResult> cells) {
            List<KpiResult> copy = Collections.unmodifiableList(cells);
            Period p0 = copy.get(0).period();
            boolean consecutive = true;
            for (int i = 0; i < copy.size() && consecutive; i++) {
                Period p = copy.get(i).period();
                consecutive = p.grain() == p0.grain() && p.calendar().equals(p0.calendar())
                        && p.index() == p0.index() + i;
            }
            if (consecutive) {
                return new Series(copy, p0.index(), null);
            }
            Map<Period, KpiResult> map = new HashMap<>();
            copy.forEach(r -> map.put(r.period(), r));
            return new Series(copy, 0, map);
        }

        @Nullable KpiResult at(Period period) {
            if (byPeriod != null) {
                return byPeriod.get(period);
            }
            long offset = period.index() - first;
            if (offset < 0 || offset >= cells.size()) {
                return null;
            }
            KpiResult r = cells.get((int) offset);
            return r.period().equals(period) ? r : null;
        }
    }

    /**
     * The number in one cell: the short way to one value. Use {@link #value(String, Period, Map)} for the reason
     * when there is none.
     *
     * <pre>{@code
     * double email = results.number("revenue", march, Map.of("channel", "email")).orElse(0);
     * results.number("conversion_rate", march, Map.of()).ifPresent(rate -> System.out.println(rate + " %"));
     * }</pre>
     *
     * @param metric the metric id
     * @param period the period
     * @param dimensions every dimension of the metric with its value (empty for a metric without dimensions)
     * @return the value, or empty if the cell has no value or the table has no such cell
     * @throws IllegalArgumentException if the table has no such metric
     */
    public OptionalDouble number(String metric, Period period, Map<String, String> dimensions) {
        return value(metric, period, dimensions).map(r -> r.value().asDouble()).orElse(OptionalDouble.empty());
    }

    /**
     * The number in one cell of a metric without dimensions.
     *
     * @param metric the metric id
     * @param period the period
     * @return the value, or empty if the cell has no value or the table has no such cell
     * @throws IllegalArgumentException if the table has no such metric
     */
    public OptionalDouble number(String metric, Period period) {
        return number(metric, period, Map.of());
    }

    /**
     * A query over the cells.
     *
     * @return a new query that selects every cell
     */
    public Query query() {
        return new Query();
    }

    /**
     * The quality of the data behind the table.
     *
     * @return the data quality
     */
    public DataQuality quality() {
        return quality;
    }

    /**
     * The aggregation state of this run, to save and resume from.
     *
     * <p>For a {@link KpiAccumulator#snapshot()} the state is copied on request, while the accumulator has not
     * taken more rows since the snapshot; after that, {@link KpiAccumulator#state()} gives its current state.
     *
     * @return the state
     * @throws IllegalStateException for an accumulator's snapshot after the accumulator took more rows
     */
    public AggregationState state() {
        return state.get();
    }

    /**
     * Observations about the run that do not stop it, e.g. rows without a timestamp that fall into no period.
     *
     * @return an immutable list of sentences
     */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * The catalog the table was computed from: the metric definitions behind attribution, segment changes and
     * leading indicators.
     *
     * @return the catalog, or empty for an engine built without one
     */
    public Optional<Catalog> catalog() {
        return Optional.ofNullable(catalog);
    }

    // ---- analysis (io.kpiengine.core.analyze; docs/analysis.md) ------------------------------------------------

    /**
     * Starts a lead/lag analysis of two metrics: does {@code leading} move before {@code lagging}, by how much, and
     * what does its last move predict?
     *
     * <pre>{@code
     * LeadLagAnalysis a = results.leadLag("signups", "revenue").segment(Map.of("channel", "email")).maxLag(12).run();
     * a.earlyWarning("week").map(EarlyWarning::sentence).ifPresent(System.out::println);
     * }</pre>
     *
     * @param leading the metric expected to move first
     * @param lagging the metric expected to follow
     * @return the query; see {@link LeadLagQuery}
     * @throws IllegalArgumentException if the table has no such metric
     */
    public LeadLagQuery leadLag(String leading, String lagging) {
        return LeadLagQuery.of(this, leading, lagging);
    }

    /**
     * Starts a lead/lag scan of every ordered pair of series of several metrics (one series per segment).
     *
     * <pre>{@code
     * LeadLagRanking ranking = results.scan("visitors", "signups", "revenue").maxLag(8).run();
     * }</pre>
     *
     * @param metrics the metric ids
     * @return the query; see {@link ScanQuery}
     * @throws IllegalArgumentException if no metric is given, one repeats, or the table has no such metric
     */
    public ScanQuery scan(String... metrics) {
        return ScanQuery.of(this, metrics);
    }

    /**
     * Starts a trend analysis of a metric: slopes, Mann–Kendall test, level shifts.
     *
     * <pre>{@code
     * TrendReport t = results.trend("revenue").segment(Map.of("channel", "email")).run();
     * }</pre>
     *
     * @param metric the metric id
     * @return the query; see {@link TrendQuery}
     * @throws IllegalArgumentException if the table has no such metric
     */
    public TrendQuery trend(String metric) {
        return TrendQuery.of(this, metric);
    }

    /**
     * Starts a seasonal decomposition of a metric (classical or STL).
     *
     * <pre>{@code
     * SeasonalComponents parts = results.decompose("revenue").period(12).run();
     * }</pre>
     *
     * @param metric the metric id
     * @return the query; see {@link DecompositionQuery}
     * @throws IllegalArgumentException if the table has no such metric
     */
    public DecompositionQuery decompose(String metric) {
        return DecompositionQuery.of(this, metric);
    }

    /**
     * Starts the attribution of a metric's change to its drivers (the metrics its definition multiplies, divides or
     * adds).
     *
     * <pre>{@code
     * DriverSplit why = results.attribute("revenue").between(february, march);
     * }</pre>
     *
     * @param metric the metric id: a ratio, or a formula of a supported shape
     * @return the query; see {@link AttributionQuery}
     * @throws IllegalArgumentException if the table has no such metric or its definition has another shape
     * @throws IllegalStateException if the table carries no catalog
     */
    public AttributionQuery attribute(String metric) {
        return AttributionQuery.of(this, metric);
    }

    /**
     * Splits a metric's change between two periods over its segments: top contributors and detractors, and mix
     * versus rate for a ratio.
     *
     * <pre>{@code
     * SegmentBreakdown b = results.segmentChanges("revenue", february, march);
     * b.changes().contributors().forEach(c -> System.out.println(c.name() + " " + c.amount()));
     * }</pre>
     *
     * @param metric the metric id: a sum or count, or a ratio of two
     * @param before the earlier period
     * @param after the later period
     * @return the breakdown; see {@link SegmentBreakdown}
     * @throws IllegalArgumentException if the table has no such metric or period, or the metric does not add up
     *     over its segments
     * @throws IllegalStateException if the table carries no catalog
     */
    public SegmentBreakdown segmentChanges(String metric, Period before, Period after) {
        return SegmentBreakdown.of(this, metric, before, after);
    }

    /**
     * Starts the search for what deserves attention: unusual changes, the segments behind them, trend breaks and
     * leading indicators that turned, ranked.
     *
     * <pre>{@code
     * ImprovementPoints found = results.improvementPoints().run();
     * found.points().forEach(p -> System.out.println(p.summary()));
     * }</pre>
     *
     * @return the query; see {@link ImprovementQuery}
     */
    public ImprovementQuery improvementPoints() {
        return ImprovementQuery.of(this);
    }

    @Override
    public String toString() {
        int cells = 0;
        for (Block b : blocks) {
            cells += b.cells().size();
        }
        return "KpiResults[" + cells + " cells of " + metricIds.size() + " metrics, quality "
                + quality.verdict() + "]";
    }

    /** Whether a cell has every dimension value of a segment (null: the value was missing). */
    static boolean inSegment(KpiResult r, Map<String, String> segment) {
        for (Map.Entry<String, String> e : segment.entrySet()) {
            if (!r.dimensions().containsKey(e.getKey())
                    || !Objects.equals(r.dimensions().get(e.getKey()), e.getValue())) {
                return false;
            }
        }
        return true;
    }

    /**
     * A selection of cells by metric, period range and dimension values. Not thread-safe; cheap to create.
     */
    public final class Query {
        private String metric;
        private Period from;
        private Period to;
        private final Map<String, String> where = new LinkedHashMap<>();

        @SuppressWarnings("NullAway.Init") // the query's methods set the fields; one left unset (null) is no restriction
        private Query() {
        }

        /**
         * Keeps the cells of one metric.
         *
         * @param id the metric id
         * @return this query
         * @throws IllegalArgumentException if the table has no such metric
         */
        public Query metric(String id) {
            KpiResults.this.metric(id);
            this.metric = id;
            return this;
        }

        /**
         * Keeps periods that start at or after the start of {@code first}.
         *
         * @param first the first period
         * @return this query
         */
        public Query from(Period first) {
            this.from = Objects.requireNonNull(first, "first");
            return this;
        }

        /**
         * Keeps periods that end at or before the end of {@code last}.
         *
         * @param last the last period
         * @return this query
         */
        public Query to(Period last) {
            this.to = Objects.requireNonNull(last, "last");
            return this;
        }

        /**
         * Keeps cells whose dimension has the value (cells of metrics without that dimension are dropped).
         *
         * @param dimension the dimension name
         * @param value the value; null selects cells where the value was missing
         * @return this query
         */
        public Query where(String dimension, String value) {
            where.put(Objects.requireNonNull(dimension, "dimension"), value);
            return this;
        }

        /**
         * The selected cells, in table order.
         *
         * @return an immutable list
         */
        public List<KpiResult> list() {
            List<KpiResult> out = new ArrayList<>();
            for (KpiResult r : metric == null ? rows() : KpiResults.this.metric(metric)) {
                if (from != null && r.period().start().isBefore(from.start())) {
                    continue;
                }
                if (to != null && r.period().end().isAfter(to.end())) {
                    continue;
                }
                if (inSegment(r, where)) {
                    out.add(r);
                }
            }
            return List.copyOf(out);
        }
    }
}
