package io.kpiengine.report.internal;

import io.kpiengine.core.DataQuality;
import io.kpiengine.core.KpiResult;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.QualityVerdict;
import io.kpiengine.core.SourceAccount;
import io.kpiengine.core.metric.Aggregation;
import io.kpiengine.core.metric.Baseline;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.Derived;
import io.kpiengine.core.metric.Direction;
import io.kpiengine.core.metric.Measure;
import io.kpiengine.core.metric.Metric;
import io.kpiengine.core.metric.MetricMetadata;
import io.kpiengine.core.metric.MetricVersion;
import io.kpiengine.core.metric.Ratio;
import io.kpiengine.core.metric.Target;
import io.kpiengine.core.metric.TargetBand;
import io.kpiengine.core.time.Period;
import io.kpiengine.core.time.PeriodStatus;
import io.kpiengine.quality.QualityReport;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link ReportModel} from a result table and its catalog: the feed every panel has when nothing but
 * results are given. A scorecard, when given, then replaces targets, achievement, status, baselines, alerts and
 * pace with its own ({@link ScorecardFeed}).
 *
 * <p>Design. The time axis is the union of the periods of the KPIs' cells, ending at the current period: the
 * latest complete period in which any KPI has a value (or the period asked for). Lines are computed over every
 * period up to the current one, so that baselines can look back before the window, and then cut to the last
 * {@code window} periods. The definitions (also in docs/report.md):
 * <ul>
 *   <li><b>total</b>: for sums and counts, the sum of the segments (missing when a segment has no value); for a
 *       ratio of two such measures, the ratio of their totals times its scale; otherwise none, because an
 *       average of segment ratios or of distinct counts would not be the KPI;</li>
 *   <li><b>target</b>: the nearest target (short-term, else long-term, else stretch) or the target band;
 *       <b>status</b>: {@link MetricMetadata#targetStatus(double)} (5 % margin), EXCEEDED when the stretch target
 *       is met as well;</li>
 *   <li><b>achievement</b> in percent, linear in the gap: {@code 100 (1 + (v - t) / |t|)} when higher is better,
 *       {@code 100 (1 - (v - t) / |t|)} when lower is better, 100 inside a band and otherwise the same formula
 *       against the nearer end; none for a target of 0;</li>
 *   <li><b>baseline</b>: the metadata's method: trailing mean of the N periods before (N = its months, 6 without a
 *       baseline), the mean of the same period in the years before (seasonally adjusted), or the fixed value; the
 *       band is the baseline plus or minus one sample standard deviation of the values it averaged;</li>
 *   <li><b>alerts</b>: a line whose current status is off track (critical) or at risk (warning), and an unusual
 *       change: a period-over-period change whose robust z-score against the earlier changes of the window
 *       (median and 1.4826 MAD, at least 6 of them) is 3.5 or more in magnitude.</li>
 * </ul>
 */
public final class ModelBuilder {

    /** Trailing baseline length when the metadata declares none. */
    static final int DEFAULT_BASELINE = 6;
    /** Robust z-score from which a change is unusual. */
    static final double UNUSUAL_Z = 3.5;
    /** Fewest earlier changes for a robust z-score. */
    static final int MIN_CHANGES = 6;

    private final Catalog catalog;
    private final KpiResults results;
    private final Inputs in;
    private final ReportModel model = new ReportModel();
    /** Every period up to the current one, oldest first. */
    private final List<Period> all = new ArrayList<>();
    private final Map<Period, Integer> position = new HashMap<>();
    private final Set<String> failedSources = new HashSet<>();
    /** One style per unit: number formats are costly to create. */
    private final Map<String, NumberStyle> styles = new HashMap<>();

    private ModelBuilder(Inputs in) {
        this.catalog = in.catalog();
        this.results = in.results();
        this.in = in;
    }

    /**
     * Builds the model of a report from results and catalog.
     *
     * @param in the inputs
     * @return the model
     */
    public static ReportModel build(Inputs in) {
        return new ModelBuilder(in).build();
    }

    private ReportModel build() {
        model.title = in.title() != null ? in.title() : catalog.name() + " KPI report";
        model.catalog = catalog.name();
        model.zone = catalog.calendar().zone().getId();
        model.locale = in.locale();
        model.views = in.views();
        List<Metric> kpis = kpiMetrics();
        axis(kpis);
        for (SourceAccount s : results.quality().sources()) {
            if (s.verdict() == QualityVerdict.FAIL) {
                failedSources.add(s.source());
            }
        }
        int from = Math.max(0, all.size() - in.window());
        model.periods.addAll(all.subList(from, all.size()));
        model.current = model.periods.size() - 1;
        for (Metric m : kpis) {
            KpiModel k = kpi(m);
            cut(k, from);
            model.kpis.add(k);
        }
        pickCore();
        teams();
        quality();
        model.thinCurrent = thinCurrent(kpis);
        model.feeds.put("Status, targets and achievement", "results and the catalog's targets (targetStatus)");
        model.feeds.put("Baselines", "results: the catalog's baseline method computed over the results");
        model.feeds.put("Alerts", "results: off-track and at-risk KPIs of the current period, unusual changes");
        model.feeds.put("Pace", "results: the planned straight path to a target with a due date, linear trend");
        model.feeds.put("Improvement points", "results: KPIs missing their target, their weakest segment and"
                + " leading indicators");
        model.feeds.put("Leading indicators", "catalog links; cross-correlation (kpi-analysis, statsmodels ccf)");
        complete(model);
        if (in.scorecard() != null) {
            ScorecardFeed.apply(model, in.scorecard(), results, catalog);
        }
        if (!in.scores().isEmpty()) {
            MoreFeeds.scores(model, in.scores());
        }
        if (in.analysis() != null) {
            MoreFeeds.analysis(model, in.analysis());
        }
        return model;
    }

    /**
     * Derives the report-wide panels from the KPIs: the alert list, improvement points and leading indicators.
     * Called again after another feed changed the KPIs.
     *
     * @param model the model
     */
    static void complete(ReportModel model) {
        collectAlerts(model);
        Insights.improvements(model);
        Insights.leading(model);
    }

    private static void collectAlerts(ReportModel model) {
        model.alerts.clear();
        for (KpiModel k : model.kpis) {
            model.alerts.addAll(k.alerts);
        }
        model.alerts.sort(Comparator.comparing((AlertItem a) -> !a.headline())
                .thenComparingInt(AlertItem::rank)
                .thenComparing(a -> !a.kpi().isCore())
                .thenComparingInt(a -> a.kpi().index));
    }

    // ---- which KPIs, which periods ---------------------------------------------------------------------------

    private List<Metric> kpiMetrics() {
        Set<String> present = new HashSet<>(results.metrics());
        List<Metric> tiered = new ArrayList<>();
        List<Metric> every = new ArrayList<>();
        for (Metric m : catalog.metrics()) {
            if (!present.contains(m.id())) {
                continue;
            }
            every.add(m);
            if (m.metadata().tier().isPresent()) {
                tiered.add(m);
            }
        }
        if (tiered.isEmpty()) {
            model.notes.add("No metric of the catalog has a tier (core or supporting): every metric is shown.");
            return every;
        }
        return tiered;
    }

    private void axis(List<Metric> kpis) {
        TreeSet<Period> periods = new TreeSet<>();
        Period bestComplete = null;
        Period bestAny = null;
        for (Metric m : kpis) {
            for (KpiResult r : results.metric(m.id())) {
                Period p = r.period();
                periods.add(p);
                if (r.value().isPresent()) {
                    if (bestAny == null || p.compareTo(bestAny) > 0) {
                        bestAny = p;
                    }
                    if (r.status() == PeriodStatus.COMPLETE && (bestComplete == null || p.compareTo(bestComplete) > 0)) {
                        bestComplete = p;
                    }
                }
            }
        }
        if (periods.isEmpty()) {
            throw new IllegalArgumentException("results must hold at least one cell of a KPI of catalog '"
                    + catalog.name() + "', but hold none");
        }
        Period current;
        if (in.asOf() != null) {
            if (!periods.contains(in.asOf())) {
                throw new IllegalArgumentException("asOf must be a period of the results (" + periods.first()
                        + " to " + periods.last() + "), but was " + in.asOf());
            }
            current = in.asOf();
        } else {
            current = bestComplete != null ? bestComplete : bestAny != null ? bestAny : periods.last();
        }
        for (Period p : periods.headSet(current, true)) {
            position.put(p, all.size());
            all.add(p);
        }
        model.grain = current.grain().toString().toLowerCase(Locale.ROOT);
    }

    // ---- one KPI ---------------------------------------------------------------------------------------------

    private KpiModel kpi(Metric m) {
        MetricMetadata md = m.metadata();
        String name = md.name().orElse(m.id());
        Map<Map<String, String>, Line> lines = lines(m.id());
        Line grandTotal = levels(name, lines);
        List<String> dims = lines.isEmpty() ? catalog.dimensionsOf(m.id())
                : List.copyOf(lines.keySet().iterator().next().keySet());
        Optional<io.kpiengine.core.metric.Unit> unit = catalog.unitOf(m.id());
        NumberStyle style = styles.computeIfAbsent(unit.map(Object::toString).orElse(""),
                u -> NumberStyle.of(unit, in.locale()));
        KpiModel k = new KpiModel(model.kpis.size(), m, name, style, dims);
        k.formula = formula(m);
        k.sources = List.copyOf(new TreeSet<>(catalog.sourcesOf(m.id())));
        boolean unreliable = k.sources.stream().anyMatch(failedSources::contains);
        k.segments.addAll(lines.values());
        if (grandTotal != null) {
            k.additive = additive(m);
            k.total = grandTotal;
            k.totalNote = "the grand total of the results' grouping sets, computed from the rows";
        } else {
            total(k, m);
        }
        List<Line> every = new ArrayList<>(k.segments);
        if (k.total != null) {
            every.add(0, k.total);
        }
        for (Line l : every) {
            judge(l, md, unreliable, l.total && k.additive ? k.segments.size() : 1);
            baseline(l, md);
        }
        changes(k);
        alerts(k);
        pace(k);
        return k;
    }

    /**
     * Keeps one level of a metric's lines. Results with grouping sets (GROUPING SETS, ROLLUP, CUBE) hold a metric
     * at several levels; the report shows the coarsest level with dimensions as the segments (the first in the
     * results' order among equally coarse ones) and the grand total, computed by the engine from the rows, as
     * the total, and notes the levels it leaves out.
     *
     * @param name the KPI's name, for the note
     * @param lines the metric's lines; the other levels are removed
     * @return the grand total as a total line, or null when the results hold the metric at one level
     */
    private @Nullable Line levels(String name, Map<Map<String, String>, Line> lines) {
        List<Set<String>> levels = new ArrayList<>();
        for (Map<String, String> d : lines.keySet()) {
            if (!levels.contains(d.keySet())) {
                levels.add(d.keySet());
            }
        }
        if (levels.size() < 2) {
            return null;
        }
        Set<String> shown = null;
        for (Set<String> l : levels) {
            if (!l.isEmpty() && (shown == null || l.size() < shown.size())) {
                shown = l;
            }
        }
        Set<String> keep = Objects.requireNonNull(shown, "a second level has dimensions");
        Line total = lines.get(Map.<String, String>of());
        Line grandTotal = null;
        if (total != null) {
            grandTotal = new Line("Total", Map.of(), true, all.size());
            System.arraycopy(total.value, 0, grandTotal.value, 0, total.value.length);
            System.arraycopy(total.reason, 0, grandTotal.reason, 0, total.reason.length);
            System.arraycopy(total.statusRule, 0, grandTotal.statusRule, 0, total.statusRule.length);
        }
        List<String> left = new ArrayList<>();
        for (Set<String> l : levels) {
            if (!l.isEmpty() && !l.equals(keep)) {
                left.add("(" + String.join(", ", l) + ")");
            }
        }
        if (!left.isEmpty()) {
            model.notes.add(name + ": the results hold it by " + String.join(", ", left) + " too; the report shows it"
                    + " by (" + String.join(", ", keep) + ")" + (total != null ? " and its grand total" : "") + ".");
        }
        lines.keySet().removeIf(d -> !d.keySet().equals(keep));
        return grandTotal;
    }

    /** Periods before the current one that the row-count check of {@link #thinCurrent} compares with. */
    static final int THIN_WINDOW = 12;

    /**
     * Whether the current period's data looks cut short: for the measure with the most rows, the rows of the current
     * period (over its cells of one grouping level) are less than half the median of the {@value #THIN_WINDOW}
     * periods before, with a median of at least 4 rows. A file that ends mid-week makes a "complete" week (by the
     * clock) of three days whose fall is no news; the report says so instead of leaving it to the alerts.
     *
     * @return the warning, or null
     */
    private @Nullable String thinCurrent(List<Metric> kpis) {
        int current = model.periods.size() - 1;
        if (current < 1) {
            return null;
        }
        long[] best = null;
        long bestTotal = -1;
        for (Metric m : kpis) {
            if (!(m instanceof Measure)) {
                continue;
            }
            long[] rows = new long[all.size()];
            long total = 0;
            Set<String> level = null;
            for (KpiResult r : results.metric(m.id())) {
                Integer i = position.get(r.period());
                if (i == null) {
                    continue;
                }
                if (level == null) {
                    level = r.dimensions().keySet();
                }
                if (r.dimensions().keySet().equals(level)) {
                    rows[i] += r.rows();
                    total += r.rows();
                }
            }
            if (total > bestTotal) {
                best = rows;
                bestTotal = total;
            }
        }
        if (best == null) {
            return null;
        }
        int last = all.size() - 1;
        int from = Math.max(0, last - THIN_WINDOW);
        if (last - from < 3) {
            return null;
        }
        double[] rows = java.util.Arrays.stream(best).asDoubleStream().toArray();
        double median = io.kpiengine.analysis.AnomalyScore.median(rows, from, last);
        // the rule of the analysis's unusual changes (Detectors.thinLast): under half a median of at least 4 rows
        if (median < 4 || best[last] * 2 >= median) {
            return null;
        }
        Period p = all.get(last);
        return p + " holds " + best[last] + " row" + (best[last] == 1 ? "" : "s") + " against a median of "
                + (median == Math.rint(median) ? Long.toString((long) median) : Double.toString(median))
                + " in the " + (last - from) + " periods before: its data may be cut short (a file that ends inside"
                + " the period), so its changes may be no news; --period " + all.get(last - 1)
                + " reports the period before";
    }

    /** The cells of a metric as lines over {@link #all}, one per combination of dimension values. */
    private Map<Map<String, String>, Line> lines(String metric) {
        Map<Map<String, String>, Line> lines = new LinkedHashMap<>();
        int n = all.size();
        for (KpiResult r : results.metric(metric)) {
            Integer i = position.get(r.period());
            if (i == null) {
                continue;
            }
            Line l = lines.computeIfAbsent(r.dimensions(), d -> new Line(label(d), d, false, n));
            if (r.value().isPresent()) {
                l.value[i] = r.value().value();
            } else {
                l.reason[i] = r.value().reason().map(Enum::name).orElse("") + ": " + r.value().detail().orElse("");
            }
            if (r.status() == PeriodStatus.PARTIAL) {
                l.statusRule[i] = "partial";
            }
        }
        return lines;
    }

    static String label(Map<String, String> dims) {
        if (dims.isEmpty()) {
            return "All";
        }
        StringBuilder b = new StringBuilder();
        for (String v : dims.values()) {
            if (b.length() > 0) {
                b.append(" \u00b7 ");
            }
            b.append(v == null ? "(missing)" : v);
        }
        return b.toString();
    }

    private static String formula(Metric m) {
        if (m instanceof Measure me) {
            StringBuilder b = new StringBuilder(me.aggregation().id()).append('(');
            b.append(me.column().orElse("*"));
            me.weightColumn().ifPresent(w -> b.append(", ").append(w));
            if (me.aggregation() == Aggregation.PERCENTILE) {
                b.append(", ").append(me.percentile());
            }
            b.append(')');
            me.filter().ifPresent(f -> b.append(" where ").append(f));
            return b.toString();
        }
        if (m instanceof Ratio r) {
            return r.numerator() + " / " + r.denominator()
                    + (r.scale().compareTo(java.math.BigDecimal.ONE) == 0 ? "" : " \u00d7 " + r.scale().toPlainString());
        }
        return ((Derived) m).formula();
    }

    /** The exact roll-up of a KPI's segments, when there is one. */
    private void total(KpiModel k, Metric m) {
        int n = all.size();
        if (k.dimensions.isEmpty()) {
            k.additive = additive(m);
            k.totalNote = null;
            return;
        }
        if (additive(m)) {
            k.additive = true;
            k.total = sum(k.segments, n, "Total");
            k.totalNote = "the sum of the segments; its target is the catalog's target, which holds for each"
                    + " segment, times the " + k.segments.size() + " segments";
            return;
        }
        if (m instanceof Ratio r) {
            Optional<Metric> num = catalog.metric(r.numerator());
            Optional<Metric> den = catalog.metric(r.denominator());
            List<String> dims = catalog.dimensionsOf(m.id());
            if (num.isPresent() && den.isPresent() && additive(num.get()) && additive(den.get())
                    && catalog.dimensionsOf(r.numerator()).equals(dims)
                    && catalog.dimensionsOf(r.denominator()).equals(dims)) {
                Line a = sum(List.copyOf(lines(r.numerator()).values()), n, "numerator");
                Line b = sum(List.copyOf(lines(r.denominator()).values()), n, "denominator");
                Line t = new Line("Total", Map.of(), true, n);
                double scale = r.scale().doubleValue();
                for (int i = 0; i < n; i++) {
                    if (Double.isNaN(a.value[i]) || Double.isNaN(b.value[i])) {
                        t.reason[i] = a.reason[i] != null ? a.reason[i] : b.reason[i];
                    } else if (b.value[i] == 0) {
                        t.reason[i] = "ZERO_DENOMINATOR: the total of '" + r.denominator() + "' is 0";
                    } else {
                        t.value[i] = a.value[i] / b.value[i] * scale;
                    }
                }
                k.total = t;
                k.totalNote = "the total of '" + r.numerator() + "' over the total of '" + r.denominator() + "'";
                return;
            }
        }
        k.totalNote = "no total: the segments of a " + kind(m) + " do not add up";
    }

    private static String kind(Metric m) {
        if (m instanceof Measure me) {
            return me.aggregation().id() + " measure";
        }
        return m instanceof Ratio ? "ratio of non-additive inputs" : "formula";
    }

    private static boolean additive(Metric m) {
        return m instanceof Measure me
                && (me.aggregation() == Aggregation.SUM || me.aggregation() == Aggregation.COUNT);
    }

    private static Line sum(List<Line> parts, int n, String label) {
        Line t = new Line(label, Map.of(), true, n);
        for (int i = 0; i < n; i++) {
            double s = 0;
            String missing = null;
            for (Line p : parts) {
                if (Double.isNaN(p.value[i])) {
                    missing = "segment '" + p.label + "' has no value (" + p.reason[i] + ")";
                    break;
                }
                s += p.value[i];
            }
            if (missing == null && !parts.isEmpty()) {
                t.value[i] = s;
            } else {
                t.reason[i] = parts.isEmpty() ? "no segments" : missing;
            }
            if (!parts.isEmpty() && "partial".equals(parts.get(0).statusRule[i])) {
                t.statusRule[i] = "partial";
            }
        }
        return t;
    }

    /**
     * Targets, achievement and status of every period of a line by the metadata. A catalog target holds for every
     * cell, that is for each segment; the total of a sum or count over {@code n} segments is held to {@code n} times
     * it, which gives the status and achievement of the segments' mean value.
     */
    static void judge(Line l, MetricMetadata md, boolean unreliable, int n) {
        Direction dir = md.direction().orElse(null);
        Optional<Target> nearest = md.targets().nearest();
        Optional<TargetBand> band = md.targetBand();
        double t = nearest.map(x -> x.value().doubleValue()).orElse(Double.NaN);
        double stretch = md.targets().stretchTarget().map(x -> x.value().doubleValue()).orElse(Double.NaN);
        double lo = band.map(b -> b.low().doubleValue()).orElse(Double.NaN);
        double hi = band.map(b -> b.high().doubleValue()).orElse(Double.NaN);
        for (int i = 0; i < l.value.length; i++) {
            boolean partial = "partial".equals(l.statusRule[i]);
            l.statusRule[i] = null;
            if (dir == Direction.TARGET_BAND) {
                l.bandLow[i] = lo * n;
                l.bandHigh[i] = hi * n;
            } else if (dir != null) {
                l.target[i] = t * n;
                l.stretch[i] = stretch * n;
            }
            double v = l.value[i] / n;
            if (Double.isNaN(v)) {
                l.status[i] = Status.NO_DATA;
                continue;
            }
            l.achievement[i] = achievement(dir, v, t, lo, hi);
            Status s = md.targetStatus(v).map(Status::of).orElse(Status.NOT_RATED);
            if (s == Status.ON_TRACK && Double.isFinite(stretch)
                    && (dir == Direction.LOWER_IS_BETTER ? v <= stretch : v >= stretch)) {
                s = Status.EXCEEDED;
            }
            if (unreliable) {
                s = Status.UNRELIABLE;
                l.statusRule[i] = "a source of the metric failed its quality gate";
            } else if (partial) {
                s = Status.PARTIAL_PERIOD;
                l.statusRule[i] = "the period is not over";
            }
            l.status[i] = s;
        }
    }

    /** Achievement in percent, linear in the gap (see the class comment); NaN without a usable target. */
    static double achievement(Direction dir, double v, double t, double lo, double hi) {
        if (dir == null) {
            return Double.NaN;
        }
        switch (dir) {
            case HIGHER_IS_BETTER:
                return t == 0 || Double.isNaN(t) ? Double.NaN : 100 * (1 + (v - t) / Math.abs(t));
            case LOWER_IS_BETTER:
                return t == 0 || Double.isNaN(t) ? Double.NaN : 100 * (1 - (v - t) / Math.abs(t));
            default:
                if (Double.isNaN(lo) || Double.isNaN(hi)) {
                    return Double.NaN;
                }
                if (v < lo) {
                    return lo == 0 ? Double.NaN : 100 * (1 - (lo - v) / Math.abs(lo));
                }
                if (v > hi) {
                    return hi == 0 ? Double.NaN : 100 * (1 - (v - hi) / Math.abs(hi));
                }
                return 100;
        }
    }

    /** The baseline and its band by the metadata's method (class comment). */
    private void baseline(Line l, MetricMetadata md) {
        Baseline b = md.baseline().orElse(null);
        int n = l.value.length;
        if (b != null && b.method() == Baseline.Method.FIXED) {
            double v = b.value().map(java.math.BigDecimal::doubleValue).orElse(Double.NaN);
            java.util.Arrays.fill(l.baseline, v);
            return;
        }
        if (b != null && b.method() == Baseline.Method.SEASONALLY_ADJUSTED) {
            for (int i = 0; i < n; i++) {
                double[] window = new double[b.length()];
                int c = 0;
                for (int y = 1; y <= b.length(); y++) {
                    Integer j = position.get(all.get(i).plusYears(-y));
                    if (j != null && Double.isFinite(l.value[j])) {
                        window[c++] = l.value[j];
                    }
                }
                band(l, i, window, c, 1);
            }
            return;
        }
        int len = b != null ? b.length() : DEFAULT_BASELINE;
        double[] window = new double[len];
        for (int i = 0; i < n; i++) {
            int c = 0;
            for (int j = Math.max(0, i - len); j < i; j++) {
                if (Double.isFinite(l.value[j])) {
                    window[c++] = l.value[j];
                }
            }
            band(l, i, window, c, (len + 1) / 2);
        }
    }

    private static void band(Line l, int i, double[] window, int c, int need) {
        if (c < need || c == 0) {
            return;
        }
        double mean = 0;
        for (int j = 0; j < c; j++) {
            mean += window[j];
        }
        mean /= c;
        l.baseline[i] = mean;
        if (c >= 2) {
            double ss = 0;
            for (int j = 0; j < c; j++) {
                ss += (window[j] - mean) * (window[j] - mean);
            }
            double sd = Math.sqrt(ss / (c - 1));
            l.baselineLow[i] = mean - sd;
            l.baselineHigh[i] = mean + sd;
        }
    }

    /** Definition changes whose effective date falls in a period of the axis. */
    private void changes(KpiModel k) {
        for (MetricVersion v : k.md.versions()) {
            LocalDate d = v.effective();
            for (int i = 0; i < all.size(); i++) {
                Period p = all.get(i);
                if (!d.isBefore(p.firstDate()) && !d.isAfter(p.lastDate())) {
                    k.changes.add(new KpiModel.Marker(i, "v" + v.version() + (v.reason() == null || v.reason().isBlank()
                            ? "" : ": " + v.reason())));
                }
            }
        }
    }

    /** Current off-track and at-risk lines, unusual changes; markers where a line went off track. */
    private void alerts(KpiModel k) {
        int c = all.size() - 1;
        List<Line> lines = new ArrayList<>();
        if (k.total != null) {
            lines.add(k.total);
        }
        lines.addAll(k.segments);
        for (Line l : lines) {
            Status s = l.status[c];
            if (s == Status.OFF_TRACK || s == Status.AT_RISK) {
                int since = c;
                while (since > 0 && l.status[since - 1] == s) {
                    since--;
                }
                String state = since == c ? "new" : "continuing";
                String target = Double.isFinite(l.target[c]) ? k.style.format(l.target[c])
                        : k.style.format(l.bandLow[c]) + " to " + k.style.format(l.bandHigh[c]);
                k.alerts.add(new AlertItem(s == Status.OFF_TRACK ? "critical" : "warning", state, k, l.label, c,
                        all.get(c).toString(), k.name + (l.total || k.dimensions.isEmpty() ? "" : " (" + l.label + ")")
                        + " is " + s.label().toLowerCase(Locale.ROOT) + ": " + k.style.format(l.value[c])
                        + " against a target of " + target + (since == c ? "" : ", since " + all.get(since)),
                        "target"));
            }
            unusualChange(k, l, c);
        }
    }

    private void unusualChange(KpiModel k, Line l, int c) {
        double now = l.changePercent(c);
        if (!Double.isFinite(now)) {
            return;
        }
        double[] earlier = new double[c];
        int n = 0;
        for (int i = Math.max(1, c - in.window() + 1); i < c; i++) {
            double ch = l.changePercent(i);
            if (Double.isFinite(ch)) {
                earlier[n++] = ch;
            }
        }
        if (n < MIN_CHANGES) {
            return;
        }
        double[] sorted = java.util.Arrays.copyOf(earlier, n);
        double med = median(sorted);
        double[] dev = new double[n];
        for (int i = 0; i < n; i++) {
            dev[i] = Math.abs(sorted[i] - med);
        }
        double mad = median(dev) * 1.4826;
        if (mad <= 0) {
            return;
        }
        double z = (now - med) / mad;
        if (Math.abs(z) >= UNUSUAL_Z) {
            k.alerts.add(new AlertItem("warning", "new", k, l.label, c, all.get(c).toString(),
                    k.name + (l.total || k.dimensions.isEmpty() ? "" : " (" + l.label + ")") + " changed "
                            + k.style.signedPercent(now) + " against the period before, unusual for this KPI"
                            + String.format(Locale.ROOT, " (robust z %.1f)", z), "unusual change"));
        }
    }

    static double median(double[] a) {
        java.util.Arrays.sort(a);
        int n = a.length;
        return n % 2 == 1 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
    }

    /** Pace to a long-term or stretch target with a due date after the current period. */
    private void pace(KpiModel k) {
        Line h = k.headline();
        Direction dir = k.md.direction().orElse(null);
        if (h == null || dir == null || dir == Direction.TARGET_BAND) {
            return;
        }
        Target horizon = k.md.targets().longTermTarget().filter(t -> t.due().isPresent())
                .orElse(k.md.targets().stretchTarget().filter(t -> t.due().isPresent()).orElse(null));
        if (horizon == null) {
            return;
        }
        int c = all.size() - 1;
        Period now = all.get(c);
        Period due = catalog.calendar().period(now.grain(), horizon.due().orElseThrow());
        long left = now.until(due);
        int start = Math.max(0, c - in.window() + 1);
        while (start < c && Double.isNaN(h.value[start])) {
            start++;
        }
        if (left <= 0 || start >= c || Double.isNaN(h.value[c])) {
            return;
        }
        double s0 = h.value[start];
        double target = horizon.value().doubleValue() * (h.total && k.additive ? k.segments.size() : 1);
        double expected = s0 + (target - s0) * (c - start) / (double) (c - start + left);
        double progress = expected == s0 ? Double.NaN : (h.value[c] - s0) / (expected - s0) * 100;
        double forecast = linearForecast(h.value, start, c, left);
        String outlook = Double.isNaN(progress) ? "no planned change yet"
                : progress >= 105 ? "ahead" : progress >= 95 ? "on pace" : "behind";
        k.pace = new KpiModel.PaceInfo(target, due.toString(), progress, expected, outlook, forecast, Double.NaN,
                "results: straight path from " + all.get(start) + " to the target due " + due
                        + "; forecast by a least-squares line");
    }

    /** The least-squares line through the finite points of [from, to], extended {@code ahead} periods. */
    static double linearForecast(double[] v, int from, int to, long ahead) {
        double sx = 0;
        double sy = 0;
        int n = 0;
        for (int i = from; i <= to; i++) {
            if (Double.isFinite(v[i])) {
                sx += i;
                sy += v[i];
                n++;
            }
        }
        if (n < 3) {
            return Double.NaN;
        }
        double mx = sx / n;
        double my = sy / n;
        double sxy = 0;
        double sxx = 0;
        for (int i = from; i <= to; i++) {
            if (Double.isFinite(v[i])) {
                sxy += (i - mx) * (v[i] - my);
                sxx += (i - mx) * (i - mx);
            }
        }
        double slope = sxy / sxx;
        return my + slope * (to + ahead - mx);
    }

    /** Cuts every line of a KPI to the window that starts at {@code from}; markers and alerts shift with it. */
    private void cut(KpiModel k, int from) {
        if (from == 0) {
            return;
        }
        k.segments.replaceAll(l -> slice(l, from));
        if (k.total != null) {
            k.total = slice(k.total, from);
        }
        List<KpiModel.Marker> kept = new ArrayList<>();
        for (KpiModel.Marker m : k.changes) {
            if (m.period() >= from) {
                kept.add(new KpiModel.Marker(m.period() - from, m.text()));
            }
        }
        k.changes.clear();
        k.changes.addAll(kept);
        k.alerts.replaceAll(a -> new AlertItem(a.severity(), a.state(), a.kpi(), a.segment(), a.period() - from,
                a.periodText(), a.message(), a.rule()));
    }

    private static Line slice(Line l, int from) {
        int n = l.value.length - from;
        Line s = new Line(l.label, l.segment, l.total, n);
        System.arraycopy(l.value, from, s.value, 0, n);
        System.arraycopy(l.reason, from, s.reason, 0, n);
        System.arraycopy(l.target, from, s.target, 0, n);
        System.arraycopy(l.stretch, from, s.stretch, 0, n);
        System.arraycopy(l.bandLow, from, s.bandLow, 0, n);
        System.arraycopy(l.bandHigh, from, s.bandHigh, 0, n);
        System.arraycopy(l.achievement, from, s.achievement, 0, n);
        System.arraycopy(l.status, from, s.status, 0, n);
        System.arraycopy(l.baseline, from, s.baseline, 0, n);
        System.arraycopy(l.baselineLow, from, s.baselineLow, 0, n);
        System.arraycopy(l.baselineHigh, from, s.baselineHigh, 0, n);
        System.arraycopy(l.statusRule, from, s.statusRule, 0, n);
        return s;
    }

    // ---- the report as a whole -------------------------------------------------------------------------------

    private void pickCore() {
        Map<String, KpiModel> byId = new HashMap<>();
        for (KpiModel k : model.kpis) {
            byId.put(k.metric.id(), k);
        }
        if (!in.core().isEmpty()) {
            for (String id : in.core()) {
                KpiModel k = byId.get(id);
                if (k == null) {
                    throw new IllegalArgumentException("core KPI must be a KPI of the report, one of "
                            + byId.keySet().stream().sorted().toList() + ", but was '" + id + "'"
                            + io.kpiengine.base.internal.Suggestions.didYouMean(id, byId.keySet()));
                }
                model.core.add(k);
            }
            return;
        }
        for (KpiModel k : model.kpis) {
            if (k.isCore() && model.core.size() < Inputs.MAX_CORE) {
                model.core.add(k);
            }
        }
        long cores = model.kpis.stream().filter(KpiModel::isCore).count();
        if (cores > Inputs.MAX_CORE) {
            model.notes.add(cores + " KPIs are core; the summary shows the first " + Inputs.MAX_CORE
                    + " in catalog order (choose others with Report.Builder.core or --core).");
        }
        if (model.core.isEmpty()) {
            for (KpiModel k : model.kpis) {
                if (model.core.size() < 4 && k.headline() != null) {
                    model.core.add(k);
                }
            }
            model.notes.add("No KPI is core: the summary shows the first KPIs with a headline value.");
        }
    }

    private void teams() {
        List<KpiModel> none = new ArrayList<>();
        for (KpiModel k : model.kpis) {
            Optional<String> owner = k.md.owner();
            if (owner.isPresent()) {
                model.teams.computeIfAbsent(owner.get(), o -> new ArrayList<>()).add(k);
            } else {
                none.add(k);
            }
        }
        if (!none.isEmpty()) {
            model.teams.put("No owner", none);
        }
    }

    private void quality() {
        DataQuality q = results.quality();
        List<ReportModel.SourceQuality> sources = new ArrayList<>();
        for (SourceAccount a : q.sources()) {
            long input;
            long clean;
            long quarantined;
            long merged;
            List<String[]> rules = new ArrayList<>();
            Optional<QualityReport> r = a.qualityReport();
            if (r.isPresent()) {
                QualityReport.Counts c = r.get().counts();
                input = c.input() + c.inserted();
                clean = c.clean();
                quarantined = c.quarantined();
                merged = c.merged();
                for (QualityReport.RuleResult rr : r.get().rules()) {
                    rules.add(new String[] {rr.rule(), rr.kind(), Long.toString(rr.changed()),
                        Long.toString(rr.quarantined()), Long.toString(rr.merged()), Long.toString(rr.flagged())});
                }
            } else {
                clean = a.rowsAggregated();
                quarantined = a.rowsRejected();
                merged = a.rowsMerged();
                input = clean + quarantined + merged;
            }
            sources.add(new ReportModel.SourceQuality(a.source(), a.verdict().name(), input, clean, quarantined,
                    merged, a.findings(), rules));
        }
        model.quality = new ReportModel.Quality(q.verdict().name(), sources);
    }
}
