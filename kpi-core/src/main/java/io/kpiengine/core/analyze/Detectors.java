package io.kpiengine.core.analyze;

import io.kpiengine.analysis.AnalysisException;
import io.kpiengine.analysis.ChangePoints;
import io.kpiengine.analysis.Contribution;
import io.kpiengine.analysis.EarlyWarning;
import io.kpiengine.analysis.Forecast;
import io.kpiengine.analysis.GrangerOrder;
import io.kpiengine.analysis.LeadLag;
import io.kpiengine.analysis.LeadLagAnalysis;
import io.kpiengine.analysis.MeanSegment;
import io.kpiengine.analysis.MissingPolicy;
import io.kpiengine.analysis.Prewhitening;
import io.kpiengine.analysis.SegmentMixRate;
import io.kpiengine.analysis.Series;
import io.kpiengine.analysis.TheilSenTrend;
import io.kpiengine.analysis.Trend;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.Derived;
import io.kpiengine.core.metric.Direction;
import io.kpiengine.core.metric.Measure;
import io.kpiengine.core.metric.Metric;
import io.kpiengine.core.metric.MetricReference;
import io.kpiengine.core.metric.Ratio;
import io.kpiengine.core.time.Grain;
import io.kpiengine.core.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The built-in detectors of {@link ImprovementQuery}.
 *
 * <p>Design note. Every series is laid over the query's axis (the table's complete periods), then cut to the stretch
 * from its first to its last present point ({@link Stretch}); inside the stretch a missing point either skips the
 * series (ERROR) or is interpolated (INTERPOLATE), so the statistics below always see complete arrays. Each detector
 * turns one statistic into points with the numbers behind them, and into a note whenever a series cannot be checked:
 * <ul>
 *   <li>unusual change: the last change {@code d_L = v_L - v_{L-1}} against the {@code w} changes before it,
 *       {@code z = (d_L - median) / s} with {@code s = 1.4826 MAD} (the normal-consistent median absolute deviation),
 *       or {@code 1.2533} times the mean absolute deviation from the median when the MAD is 0 (more than half of the
 *       changes equal), and no test when that is 0 too. Changes rather than levels, so that a steady trend is not
 *       unusual; robust statistics, so that one earlier spike does not mask the next;</li>
 *   <li>contributors: the same test on a total built from the segments (sum, or sum of numerators over sum of
 *       denominators), then {@link SegmentBreakdown} between the last two periods; segments that made at least
 *       {@value #MIN_SHARE} of the change, in its direction;</li>
 *   <li>trend break: residuals of the Theil–Sen line, {@link ChangePoints} on them (PELT, BIC penalty, noise from
 *       the first differences); the last change point counts when it lies in the last {@code recent} periods with at
 *       least {@value #MIN_NEW_LEVEL} periods at the new level (PELT's segments have two points at least, so a lone
 *       last-period spike would otherwise read as a break). On the residuals, a steady trend is not a chain of level
 *       shifts;</li>
 *   <li>leading indicator: {@link LeadLag} with first-difference pre-whitening (trending series correlate at every
 *       lag otherwise), the regression on percent changes, and the early warning's 95 % prediction interval.</li>
 * </ul>
 * Scores share the scale of a standard normal score: {@code |z|}; {@code |z| min(1, |share|)} for a contributor;
 * shift over noise sigma for a break; {@code 1.96 |expected| / half-width} (about the forecast's t) for a leading
 * indicator.
 */
final class Detectors {

    /** The fewest changes an unusual change is measured against. */
    static final int MIN_WINDOW = 4;
    /** The fewest points of a stretch checked for a trend break. */
    static final int MIN_BREAK_POINTS = 8;
    /** The fewest periods at a new level for a trend break: one unusual period is an unusual change, not a break. */
    static final int MIN_NEW_LEVEL = 3;
    /** The smallest share of a total's change a segment must make to be reported as a contributor. */
    static final double MIN_SHARE = 0.1;
    private static final double MAD_TO_SD = 1.482602218505602;
    private static final double MEAN_AD_TO_SD = 1.2533141373155001;
    private static final double GRANGER_ALPHA = 0.05;

    private final KpiResults results;
    private final @Nullable Catalog catalog;
    private final MetricSeries.Axis axis;
    private final MissingPolicy policy;
    private final int window;
    private final double threshold;
    private final int recent;
    private final int maxLag;
    private final int contributors;
    private List<ImprovementPoint> points = List.of();
    private List<String> notes = List.of();

    Detectors(KpiResults results, MetricSeries.Axis axis, MissingPolicy policy, int window, double threshold,
            int recent, int maxLag, int contributors) {
        this.results = results;
        this.catalog = results.catalog().orElse(null);
        this.axis = axis;
        this.policy = policy;
        this.window = window;
        this.threshold = threshold;
        this.recent = recent;
        this.maxLag = maxLag;
        this.contributors = contributors;
    }

    /** The last period of the axis, or null when it is empty. */
    @Nullable Period last() {
        return axis.periods.isEmpty() ? null : lastPeriod();
    }

    /** The last period of the axis, for the detectors, which run only on an axis with periods. */
    private Period lastPeriod() {
        return axis.periods.get(axis.periods.size() - 1);
    }

    void run(List<String> metrics, List<ImprovementPoint> out, List<String> outNotes) {
        this.points = out;
        this.notes = outNotes;
        if (axis.periods.size() < 2) {
            notes.add("the table has " + axis.periods.size() + " complete period" + (axis.periods.size() == 1 ? "" : "s")
                    + " in the range; changes need at least 2");
            return;
        }
        for (String metric : metrics) {
            Grain restarts = periodToDate(metric);
            if (restarts != null) {
                notes.add(metric + ": a period-to-date metric restarts at each " + restarts.id() + ", so its changes"
                        + " and trend breaks are not looked for (its drop at each restart is no news); compare it with"
                        + " last year's (last_year) or analyse the metric it accumulates");
                continue;
            }
            for (Map<String, String> segment : MetricSeries.segments(results, metric)) {
                MetricSeries s = MetricSeries.of(results, metric, segment, axis);
                Stretch st = stretch(s.label(), s, s::reason);
                if (st != null) {
                    unusualChange(metric, segment, st);
                    trendBreak(metric, segment, st);
                }
            }
            contributors(metric);
        }
        leadingIndicators(metrics);
    }

    /**
     * The grain at which a metric restarts, when it is a period-to-date window alone ({@code to_date(sales,
     * fiscal_year)}, also times a constant): its series is a saw tooth by construction. Null otherwise, and for a
     * formula that combines windows (a ratio of two period-to-date sums is a rate, not a saw tooth).
     */
    private @Nullable Grain periodToDate(String metric) {
        if (catalog == null || !(catalog.metric(metric).orElse(null) instanceof Derived d)) {
            return null;
        }
        List<MetricReference> refs = d.references();
        if (refs.size() != 1 || refs.get(0).kind() != MetricReference.Kind.TO_DATE) {
            return null;
        }
        return refs.get(0).grain();
    }

    // ---- series preparation -----------------------------------------------------------------------------------

    /** A series cut to its present stretch {@code [from, to)} of the axis, complete inside. */
    record Stretch(String label, int from, int to, double[] values) {
        int size() {
            return values.length;
        }

        boolean endsAtLast(int axisSize) {
            return to == axisSize;
        }
    }

    /** Why a point of a series is missing. */
    interface Reasons {
        Optional<String> reason(int index);
    }

    private @Nullable Stretch stretch(String label, MetricSeries s, Reasons reasons) {
        double[] v = new double[s.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = s.value(i);
        }
        return stretch(label, v, reasons);
    }

    private @Nullable Stretch stretch(String label, double[] v, Reasons reasons) {
        int from = 0;
        while (from < v.length && Double.isNaN(v[from])) {
            from++;
        }
        if (from == v.length) {
            notes.add(label + ": no value in any period of the range; not checked");
            return null;
        }
        int to = v.length;
        while (Double.isNaN(v[to - 1])) {
            to--;
        }
        double[] part = Arrays.copyOfRange(v, from, to);
        for (int i = 0; i < part.length; i++) {
            if (Double.isNaN(part[i])) {
                if (policy == MissingPolicy.ERROR) {
                    notes.add(label + ": no value in " + axis.periods.get(from + i) + " ("
                            + reasons.reason(from + i).orElse("missing") + ") between periods with values; not"
                            + " checked (MissingPolicy.INTERPOLATE fills such gaps)");
                    return null;
                }
                part = Series.of(label, part).withMissing(MissingPolicy.INTERPOLATE).toArray();
                break;
            }
        }
        return new Stretch(label, from, to, part);
    }

    // ---- unusual changes --------------------------------------------------------------------------------------

    /** The last change of a stretch against the window before it. */
    record Change(double before, double after, double change, double median, double scale, double z, int window) {
    }

    /** The robust z of the last change, or null with a note when it cannot be measured. */
    private @Nullable Change lastChange(Stretch st) {
        int n = axis.periods.size();
        if (!st.endsAtLast(n)) {
            notes.add(st.label() + ": no value in " + axis.periods.get(n - 1) + "; its last change was not checked");
            return null;
        }
        int last = st.size() - 1;
        int w = Math.min(window, last - 1);
        if (w < MIN_WINDOW) {
            notes.add(st.label() + ": " + st.size() + " periods with values; the last change needs at least "
                    + (MIN_WINDOW + 2) + " to be measured against " + MIN_WINDOW + " changes before it");
            return null;
        }
        double[] d = new double[w];
        for (int i = 0; i < w; i++) {
            int t = last - w + i;
            d[i] = st.values()[t] - st.values()[t - 1];
        }
        double change = st.values()[last] - st.values()[last - 1];
        double median = median(d.clone());
        double[] dev = new double[w];
        double meanDev = 0;
        for (int i = 0; i < w; i++) {
            dev[i] = Math.abs(d[i] - median);
            meanDev += dev[i] / w;
        }
        double scale = MAD_TO_SD * median(dev);
        if (!(scale > 0)) {
            scale = MEAN_AD_TO_SD * meanDev;
        }
        if (!(scale > 0)) {
            if (change != median) {
                notes.add(st.label() + ": the " + w + " changes before " + axis.periods.get(n - 1) + " are all "
                        + fmt(median) + "; the last change (" + fmt(change) + ") cannot be scored against them");
            }
            return null;
        }
        return new Change(st.values()[last - 1], st.values()[last], change, median, scale, (change - median) / scale,
                w);
    }

    private void unusualChange(String metric, Map<String, String> segment, Stretch st) {
        Change c = lastChange(st);
        if (c == null || Math.abs(c.z()) < threshold) {
            return;
        }
        Period last = lastPeriod();
        Period previous = axis.periods.get(axis.periods.size() - 2);
        Map<String, Double> numbers = new LinkedHashMap<>();
        numbers.put("before", c.before());
        numbers.put("after", c.after());
        numbers.put("change", c.change());
        if (c.before() != 0) {
            numbers.put("changePercent", 100 * c.change() / Math.abs(c.before()));
        }
        numbers.put("windowMedianChange", c.median());
        numbers.put("windowScale", c.scale());
        numbers.put("window", (double) c.window());
        numbers.put("z", c.z());
        adverse(metric, c.change()).ifPresent(a -> numbers.put("adverse", a ? 1.0 : 0.0));
        String summary = String.format(Locale.ROOT, "%s %s %s from %s to %s (%s to %s), %.1f robust standard"
                + " deviations %s the typical change of the %d %ss before", st.label(), c.change() > 0 ? "rose" : "fell",
                percentOrAmount(c.before(), c.change()), previous, last, fmt(c.before()), fmt(c.after()),
                Math.abs(c.z()), c.z() > 0 ? "above" : "below", c.window(), unit());
        double[] thin = thinLast(metric, segment, c.window());
        if (thin != null) {
            numbers.put("rows", thin[0]);
            numbers.put("rowsMedianBefore", thin[1]);
            summary += String.format(Locale.ROOT, "; but %s holds %d rows against a median of %s in the %ss before:"
                    + " its data may be cut short (a file that ends inside it)", last, (long) thin[0],
                    thin[1] == Math.rint(thin[1]) ? Long.toString((long) thin[1]) : Double.toString(thin[1]), unit());
        }
        points.add(new ImprovementPoint(ImprovementPoint.UNUSUAL_CHANGE, metric, segment, last, Math.abs(c.z()),
                "robust z of the change into the last period against the " + c.window() + " changes before it"
                        + " (median, 1.4826 MAD)", summary, numbers));
    }

    /**
     * For a measure, the rows of its last cell and the median rows of the {@code window} cells before, when the last
     * holds less than half that median (of at least 4 rows): the period's data may be cut short. Null otherwise.
     */
    private double @Nullable [] thinLast(String metric, Map<String, String> segment, int window) {
        if (catalog == null || !(catalog.metric(metric).orElse(null) instanceof Measure)) {
            return null;
        }
        int last = axis.periods.size() - 1;
        int from = Math.max(0, last - window);
        if (last - from < 3) {
            return null;
        }
        double[] before = new double[last - from];
        for (int i = from; i < last; i++) {
            before[i - from] = results.value(metric, axis.periods.get(i), segment).map(r -> (double) r.rows())
                    .orElse(0.0);
        }
        double median = median(before);
        // the same rule as the report's notice on its current period (ModelBuilder.thinCurrent)
        double rows = results.value(metric, axis.periods.get(last), segment).map(r -> (double) r.rows()).orElse(0.0);
        return median >= 4 && rows * 2 < median ? new double[] {rows, median} : null;
    }

    // ---- contributors -----------------------------------------------------------------------------------------

    private void contributors(String metric) {
        if (catalog == null) {
            return;
        }
        Metric m = catalog.metric(metric).orElse(null);
        List<Map<String, String>> segments = MetricSeries.segments(results, metric);
        if (m == null || segments.size() < 2) {
            return;
        }
        boolean ratio = m instanceof Ratio r && SegmentBreakdown.isAdditive(catalog.metric(r.numerator()).orElseThrow())
                && SegmentBreakdown.isAdditive(catalog.metric(r.denominator()).orElseThrow());
        if (!ratio && !SegmentBreakdown.isAdditive(m)) {
            return;
        }
        int n = axis.periods.size();
        double[] numerator = new double[n];
        double[] denominator = new double[n];
        Arrays.fill(denominator, ratio ? 0 : 1);
        for (Map<String, String> segment : segments) {
            if (ratio) {
                Ratio r = (Ratio) m;
                add(numerator, r.numerator(), MetricSeries.restrict(segment, catalog.dimensionsOf(r.numerator())));
                add(denominator, r.denominator(),
                        MetricSeries.restrict(segment, catalog.dimensionsOf(r.denominator())));
            } else {
                add(numerator, metric, segment);
            }
        }
        double scale = ratio ? ((Ratio) m).scale().doubleValue() : 1;
        double[] total = new double[n];
        for (int i = 0; i < n; i++) {
            total[i] = denominator[i] == 0 ? Double.NaN : scale * numerator[i] / denominator[i];
        }
        String label = metric + " (total of " + segments.size() + " segments)";
        Stretch st = stretch(label, total, i -> Optional.of(ratio && denominator[i] == 0
                ? "the total denominator is 0" : "a segment has no value"));
        Change c = st == null ? null : lastChange(st);
        if (c == null || Math.abs(c.z()) < threshold || c.change() == 0) {
            return;
        }
        Period last = lastPeriod();
        Period previous = axis.periods.get(n - 2);
        SegmentBreakdown b;
        try {
            b = SegmentBreakdown.of(results, metric, previous, last);
        } catch (MissingValueException | AnalysisException e) {
            notes.add(label + ": its unusual change could not be split over the segments: " + e.getMessage());
            return;
        }
        List<Contribution> ranked = (c.change() > 0 ? b.changes().contributors() : b.changes().detractors()).stream()
                .filter(k -> k.share().orElse(0) >= MIN_SHARE).limit(contributors).toList();
        for (Contribution k : ranked) {
            double share = k.share().orElse(0);
            Map<String, Double> numbers = new LinkedHashMap<>();
            numbers.put("before", k.before());
            numbers.put("after", k.after());
            numbers.put("amount", k.amount());
            numbers.put("share", share);
            numbers.put("totalBefore", b.changes().before());
            numbers.put("totalAfter", b.changes().after());
            numbers.put("totalChange", b.changes().change());
            numbers.put("totalZ", c.z());
            b.changes().concentration().asOptional().ifPresent(h -> numbers.put("concentration", h));
            b.mixRate().ifPresent(split -> split.segments().stream().filter(s -> s.name().equals(k.name()))
                    .findFirst().ifPresent((SegmentMixRate s) -> {
                        numbers.put("mixEffect", s.mixEffect());
                        numbers.put("rateEffect", s.rateEffect());
                    }));
            String summary = String.format(Locale.ROOT, "%s made %.1f %% of the %s of %s from %s to %s: %s of %s%s",
                    k.name(), 100 * share, c.change() > 0 ? "rise" : "fall", metric, previous, last, signed(k.amount()),
                    signed(b.changes().change()), numbers.containsKey("mixEffect") ? String.format(Locale.ROOT,
                            " (mix %s, rate %s)", signed(numbers.getOrDefault("mixEffect", 0.0)), signed(numbers.getOrDefault("rateEffect", 0.0)))
                            : "");
            points.add(new ImprovementPoint(ImprovementPoint.CHANGE_CONTRIBUTOR, metric,
                    b.segment(k.name()).orElseThrow(), last, Math.abs(c.z()) * Math.min(1, Math.abs(share)),
                    (b.mixRate().isPresent() ? "segment's part w r of the overall rate, mix and rate split"
                            : "segment's own change") + " in an unusual change of the total (robust z "
                            + String.format(Locale.ROOT, "%.1f", c.z()) + ")", summary, numbers));
        }
    }

    /** Adds a metric's series in a segment to a running total; a missing point makes the total missing there. */
    private void add(double[] total, String metric, Map<String, String> segment) {
        MetricSeries s = MetricSeries.of(results, metric, segment, axis);
        for (int i = 0; i < total.length; i++) {
            total[i] += s.value(i);
        }
    }

    // ---- trend breaks -----------------------------------------------------------------------------------------

    private void trendBreak(String metric, Map<String, String> segment, Stretch st) {
        if (st.size() < MIN_BREAK_POINTS) {
            notes.add(st.label() + ": " + st.size() + " periods with values; trend breaks need at least "
                    + MIN_BREAK_POINTS);
            return;
        }
        TheilSenTrend line;
        try {
            line = Trend.theilSen(Series.of(st.label(), st.values()));
        } catch (AnalysisException e) {
            notes.add(st.label() + ": trend breaks not checked: " + e.getMessage());
            return;
        }
        double[] residual = new double[st.size()];
        for (int t = 0; t < residual.length; t++) {
            residual[t] = st.values()[t] - (line.intercept() + line.slope() * t);
        }
        ChangePoints shifts = ChangePoints.detect(Series.of(st.label() + " around its trend", residual));
        List<MeanSegment> segs = shifts.segments();
        if (segs.size() < 2) {
            return;
        }
        MeanSegment before = segs.get(segs.size() - 2);
        MeanSegment after = segs.get(segs.size() - 1);
        int start = st.from() + after.from();
        if (start < axis.periods.size() - recent || after.length() < MIN_NEW_LEVEL) {
            return;
        }
        double shift = after.mean() - before.mean();
        Map<String, Double> numbers = new LinkedHashMap<>();
        numbers.put("levelBefore", mean(st.values(), before.from(), before.to()));
        numbers.put("levelAfter", mean(st.values(), after.from(), after.to()));
        numbers.put("shift", shift);
        numbers.put("sigma", shifts.sigma());
        numbers.put("trendSlope", line.slope());
        numbers.put("periodsAfter", (double) after.length());
        numbers.put("penalty", shifts.penalty());
        adverse(metric, shift).ifPresent(a -> numbers.put("adverse", a ? 1.0 : 0.0));
        Period first = axis.periods.get(start);
        String summary = String.format(Locale.ROOT, "%s shifted %s by %s (%.1f sigma) against its trend from %s: %s"
                + " to %s on average (%d %ss at the new level)", st.label(), shift > 0 ? "up" : "down",
                fmt(Math.abs(shift)), Math.abs(shift) / shifts.sigma(), first, fmt(numbers.get("levelBefore")),
                fmt(numbers.get("levelAfter")), after.length(), unit());
        points.add(new ImprovementPoint(ImprovementPoint.TREND_BREAK, metric, segment, first,
                Math.abs(shift) / shifts.sigma(), "mean shift of the residuals around the Theil-Sen line (PELT, BIC"
                        + " penalty 2 ln n, sigma from first differences)", summary, numbers));
    }

    // ---- leading indicators -----------------------------------------------------------------------------------

    private void leadingIndicators(List<String> metrics) {
        if (catalog == null) {
            notes.add("leading indicators were not checked: the table carries no catalog");
            return;
        }
        for (String lagging : metrics) {
            Metric m = catalog.metric(lagging).orElse(null);
            if (m == null) {
                continue;
            }
            for (String leading : m.metadata().leadingIndicators()) {
                if (!results.metrics().contains(leading)) {
                    notes.add(lagging + ": its leading indicator '" + leading + "' is not in the table; not checked");
                    continue;
                }
                pairs(leading, lagging);
            }
        }
    }

    /** Pairs the segments of a leading and a lagging metric that agree on their common dimensions. */
    private void pairs(String leading, String lagging) {
        List<MetricSeries.Pair> pairs;
        try {
            pairs = MetricSeries.pairs(results, leading, lagging);
        } catch (IllegalArgumentException e) {
            notes.add(lagging + ": its leading indicator " + e.getMessage() + "; not checked");
            return;
        }
        for (MetricSeries.Pair p : pairs) {
            pair(leading, p.leading(), lagging, p.lagging());
        }
    }

    private void pair(String leading, Map<String, String> sl, String lagging, Map<String, String> sm) {
        MetricSeries x = MetricSeries.of(results, leading, sl, axis);
        MetricSeries y = MetricSeries.of(results, lagging, sm, axis);
        double[] both = new double[x.size()];
        for (int i = 0; i < both.length; i++) {
            both[i] = Double.isNaN(x.value(i)) || Double.isNaN(y.value(i)) ? Double.NaN : 0;
        }
        String label = x.label() + " -> " + y.label();
        Stretch common = stretch(label, both, i -> x.reason(i).or(() -> y.reason(i)));
        if (common == null) {
            return;
        }
        if (!common.endsAtLast(axis.periods.size())) {
            notes.add(label + ": no value of both in " + last() + "; the leading indicator was not checked");
            return;
        }
        Series xs = Series.of(x.label(), Arrays.copyOfRange(x.series().toArray(), common.from(), common.to()));
        Series ys = Series.of(y.label(), Arrays.copyOfRange(y.series().toArray(), common.from(), common.to()));
        LeadLagAnalysis a;
        try {
            a = LeadLag.of(xs, ys).maxLag(maxLag).prewhitening(Prewhitening.difference())
                    .missing(MissingPolicy.INTERPOLATE).run();
        } catch (AnalysisException e) {
            notes.add(label + ": " + e.getMessage());
            return;
        }
        if (a.lead().isEmpty()) {
            return;
        }
        Optional<EarlyWarning> warning = a.earlyWarning(unit());
        if (warning.isEmpty()) {
            notes.add(label + ": lead " + a.lead().getAsInt() + " but no forecast: "
                    + a.regressionReason().orElse("no regression"));
            return;
        }
        EarlyWarning w = warning.get();
        Forecast f = w.forecast();
        boolean lowerIsBetter = direction(lagging).filter(d -> d == Direction.LOWER_IS_BETTER).isPresent();
        boolean adverse = lowerIsBetter ? f.prediction().low() > 0 : f.prediction().high() < 0;
        double p = w.grangerPValue().orElse(1);
        if (!adverse || !(p < GRANGER_ALPHA)) {
            return;
        }
        int lead = w.lead();
        Map<String, Double> numbers = new LinkedHashMap<>();
        numbers.put("lead", (double) lead);
        a.crossCorrelation().correlation(lead).asOptional().ifPresent(r -> numbers.put("correlation", r));
        numbers.put("band", a.crossCorrelation().band());
        a.granger().order(Math.min(lead, a.granger().maxOrder())).ifPresent((GrangerOrder o) -> {
            numbers.put("grangerF", o.f());
            numbers.put("grangerP", o.fPValue());
        });
        w.rSquared().asOptional().ifPresent(r -> numbers.put("rSquared", r));
        a.regression().ifPresent(r -> {
            numbers.put("slope", r.slope());
            numbers.put("observations", (double) r.observations());
        });
        numbers.put("leadingChange", f.leadingValue());
        numbers.put("expectedChange", f.expected());
        numbers.put("expectedLow", f.prediction().low());
        numbers.put("expectedHigh", f.prediction().high());
        double score = 1.959963984540054 * Math.abs(f.expected()) / f.prediction().halfWidth();
        points.add(new ImprovementPoint(ImprovementPoint.LEADING_INDICATOR, lagging, sm, lastPeriod(), score,
                "lagged regression of the change of " + y.label() + " on the change of " + x.label() + " " + lead + " "
                        + unit() + (lead == 1 ? "" : "s") + " earlier (lead from the differenced ccf, Granger ssr F)",
                w.sentence(), numbers));
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private Optional<Direction> direction(String metric) {
        return catalog == null ? Optional.empty()
                : catalog.metric(metric).flatMap(m -> m.metadata().direction());
    }

    /** Whether a change goes against the metric's direction; empty without a direction or for a target band. */
    private Optional<Boolean> adverse(String metric, double change) {
        return direction(metric).filter(d -> d != Direction.TARGET_BAND)
                .map(d -> d == Direction.HIGHER_IS_BETTER ? change < 0 : change > 0);
    }

    /** The name of one period for sentences: {@code week}, {@code fiscal quarter}. */
    private String unit() {
        return lastPeriod().grain().id().replace('_', ' ');
    }

    private static double median(double[] v) {
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static double mean(double[] v, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += v[i];
        }
        return s / (to - from);
    }

    private static String percentOrAmount(double before, double change) {
        return before > 0 ? String.format(Locale.ROOT, "%.1f %%", 100 * Math.abs(change) / before)
                : "by " + fmt(Math.abs(change));
    }

    static String fmt(double v) {
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.1f", v) : String.format(Locale.ROOT, "%.3g", v);
    }

    private static String signed(double v) {
        return (v > 0 ? "+" : "") + fmt(v);
    }
}
