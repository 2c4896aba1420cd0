package io.kpiengine.core.track;

import io.kpiengine.core.analyze.ImprovementPoint;
import io.kpiengine.core.analyze.ImprovementPoints;
import io.kpiengine.core.metric.Direction;
import io.kpiengine.core.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The improvement points of a scorecard ({@link Scorecard#improvementPoints()}), scored on the scale of the
 * result-based points of {@code io.kpiengine.core.analyze} (a standard normal score) so that both rank together.
 *
 * <p>Design note. Every score is a distance in standard deviations {@code s} of the KPI's own trailing window (the
 * sample standard deviation of the values of the metric's window before the period, the spread behind the row's
 * z-score; at least 3 values):
 * <ul>
 *   <li>{@value ImprovementPoint#GAP_TO_TARGET}: a current row rated at-risk or off-track whose value is on the bad
 *       side of its target (or outside its band): the shortfall {@code d} (target minus value for higher-is-better,
 *       value minus target for lower-is-better, the distance to the nearest band end for a band) over {@code s}.
 *       The status rules decide what is a problem; the score says how large it is;</li>
 *   <li>{@value ImprovementPoint#OFF_TRACK_STREAK}: a series off track for at least the plan's
 *       {@code offTrackPeriods} consecutive periods up to its current one: Stouffer's combination
 *       {@code Z = sum z_t / sqrt(k)} of the per-period shortfalls {@code z_t = d_t / s_t} over the k periods of the
 *       streak that have both (the z of a mean shortfall over k periods, were they independent);</li>
 *   <li>{@value ImprovementPoint#CRITICAL_ALERT}: an alert of severity critical open at the end of the run: the
 *       anomaly score itself for anomaly rules (already a z), else {@code |value - expected| / s} (the distance to
 *       the alert's expected value, or to the level crossed); never below {@value #CRITICAL_FLOOR}, the usual
 *       detection level of a standard normal score, because the rule's author judged the event critical.</li>
 * </ul>
 * A gap or streak that cannot be put on the scale (no spread in the window, no target) is a note, not a point.
 */
final class CardPoints {

    /** The least score of an open critical alert: the usual 3-sigma detection level. */
    static final double CRITICAL_FLOOR = 3.0;

    private final Scorecard card;
    private final List<ImprovementPoint> points = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private CardPoints(Scorecard card) {
        this.card = card;
    }

    static ImprovementPoints of(Scorecard card, TrackingPlan plan) {
        CardPoints c = new CardPoints(card);
        Period last = null;
        for (ScorecardRow row : card.current()) {
            if (last == null || row.period().compareTo(last) > 0) {
                last = row.period();
            }
            c.gap(row);
            c.streak(row, plan);
        }
        for (Alert a : card.alerts()) {
            if (a.severity() == AlertSeverity.CRITICAL && a.isOpen()) {
                c.alert(a);
            }
        }
        return ImprovementPoints.of(last, c.points, c.notes);
    }

    /** The shortfall of row t of a series from its target or band, in the KPI's unit; NaN without one; 0 when met. */
    static double shortfall(Series s, int t) {
        ScorecardRow r = s.rows[t];
        double v = r.value;
        if (s.m.direction == Direction.TARGET_BAND) {
            if (Double.isNaN(v) || Double.isNaN(r.bandLow)) {
                return Double.NaN;
            }
            return v < r.bandLow ? r.bandLow - v : v > r.bandHigh ? v - r.bandHigh : 0;
        }
        if (s.m.direction == null || Double.isNaN(v) || Double.isNaN(r.target)) {
            return Double.NaN;
        }
        return Math.max(0, s.m.direction == Direction.HIGHER_IS_BETTER ? r.target - v : v - r.target);
    }

    private void gap(ScorecardRow row) {
        if (row.status != KpiStatus.AT_RISK && row.status != KpiStatus.OFF_TRACK) {
            return;
        }
        Series s = row.series;
        double d = shortfall(s, row.t);
        if (!(d > 0)) {
            return;
        }
        String label = label(row.metric(), row.segment());
        double sigma = s.sigma[row.t];
        boolean band = s.m.direction == Direction.TARGET_BAND;
        String what = band ? "its band [" + Fmt.num(row.bandLow) + ", " + Fmt.num(row.bandHigh) + "]"
                : "its target " + Fmt.num(row.target);
        if (!(sigma > 0)) {
            notes.add(label + ": " + Fmt.num(d) + " short of " + what + " in " + row.period() + " ("
                    + row.status.id() + "), not ranked: the " + s.m.window + " periods before it have fewer than 3"
                    + " values or no spread to measure the gap against");
            return;
        }
        Map<String, Double> numbers = new LinkedHashMap<>();
        numbers.put("value", row.value);
        if (band) {
            numbers.put("bandLow", row.bandLow);
            numbers.put("bandHigh", row.bandHigh);
            numbers.put("gap", row.value < row.bandLow ? row.value - row.bandLow : row.value - row.bandHigh);
        } else {
            numbers.put("target", row.target);
            numbers.put("gap", row.value - row.target);
        }
        put(numbers, "achievement", row.achievement);
        numbers.put("shortfall", d);
        numbers.put("sigma", sigma);
        numbers.put("window", (double) s.m.window);
        String side = band ? (row.value < row.bandLow ? "below" : "above")
                : s.m.direction == Direction.HIGHER_IS_BETTER ? "below" : "above";
        String summary = label + " is " + Fmt.num(d) + " " + side + " " + what + " in " + row.period()
                + (Double.isNaN(row.achievement) ? "" : " (" + Fmt.num(row.achievement) + " % achieved, "
                + row.status.id() + ")") + ": " + Fmt.num(d / sigma) + " standard deviations of its last "
                + s.m.window + " periods";
        points.add(new ImprovementPoint(ImprovementPoint.GAP_TO_TARGET, row.metric(), row.segment(), row.period(),
                d / sigma, "shortfall from the " + (band ? "band" : "target") + " over the sample standard deviation"
                        + " of the trailing " + s.m.window + " periods (status " + row.status.id() + " by rule '"
                        + row.statusRule + "')", summary, numbers));
    }

    private void streak(ScorecardRow row, TrackingPlan plan) {
        Series s = row.series;
        int n = 0;
        while (row.t - n >= 0 && s.rows[row.t - n].status == KpiStatus.OFF_TRACK) {
            n++;
        }
        if (n < plan.offTrackPeriods()) {
            return;
        }
        String label = label(row.metric(), row.segment());
        Period first = s.rows[row.t - n + 1].period();
        double sum = 0;
        int k = 0;
        for (int t = row.t - n + 1; t <= row.t; t++) {
            double d = shortfall(s, t);
            if (d >= 0 && s.sigma[t] > 0) {
                sum += d / s.sigma[t];
                k++;
            }
        }
        if (k == 0) {
            notes.add(label + ": off track for " + n + " periods (" + first + " to " + row.period() + "), not"
                    + " ranked: no period of the streak has both a target and a spread in its trailing window");
            return;
        }
        boolean planned = false;
        for (ActionPlan a : plan.actions()) {
            planned |= a.metric().equals(row.metric()) && a.status().isOpen() && a.covers(row.segment());
        }
        double z = sum / Math.sqrt(k);
        Map<String, Double> numbers = new LinkedHashMap<>();
        numbers.put("periods", (double) n);
        numbers.put("scoredPeriods", (double) k);
        numbers.put("meanShortfallSigmas", sum / k);
        numbers.put("openPlan", planned ? 1.0 : 0.0);
        String summary = label + " has been off track for " + n + " periods (" + first + " to " + row.period()
                + "), on average " + Fmt.num(sum / k) + " standard deviations short of its target; "
                + (planned ? "an open action plan covers it" : "no open action plan covers it");
        points.add(new ImprovementPoint(ImprovementPoint.OFF_TRACK_STREAK, row.metric(), row.segment(),
                row.period(), z, "Stouffer's Z of the shortfalls in trailing standard deviations over the " + k
                        + " periods of the streak with a target and a spread (sum z / sqrt(k))", summary, numbers));
    }

    private void alert(Alert a) {
        ScorecardRow row = card.row(a.metric(), a.period(), a.segment()).orElse(null);
        double sigma = row == null ? Double.NaN : row.series.sigma[row.t];
        double distance;
        String basis;
        if (a.kind() == AlertRule.Kind.ANOMALY) {
            distance = Math.abs(a.signal());
            basis = "the anomaly score";
        } else {
            double ref = a.expected().orElse(Double.NaN);
            if (Double.isNaN(ref)) {
                ref = a.value() < a.low().orElse(Double.NEGATIVE_INFINITY) ? a.low().orElse(Double.NaN)
                        : a.high().orElse(a.low().orElse(Double.NaN));
            }
            distance = sigma > 0 ? Math.abs(a.value() - ref) / sigma : Double.NaN;
            basis = "the distance of the value from the alert's expected value or level in trailing standard"
                    + " deviations";
        }
        double score = Double.isFinite(distance) ? Math.max(CRITICAL_FLOOR, distance) : CRITICAL_FLOOR;
        Map<String, Double> numbers = new LinkedHashMap<>();
        put(numbers, "value", a.value());
        put(numbers, "expected", a.expected().orElse(Double.NaN));
        put(numbers, "low", a.low().orElse(Double.NaN));
        put(numbers, "high", a.high().orElse(Double.NaN));
        put(numbers, "signal", a.signal());
        put(numbers, "pValue", a.pValue().orElse(Double.NaN));
        put(numbers, "sigma", sigma);
        put(numbers, "distance", distance);
        points.add(new ImprovementPoint(ImprovementPoint.CRITICAL_ALERT, a.metric(), a.segment(), a.period(), score,
                "critical alert rule '" + a.rule() + "' (" + a.kind().id() + "), open since " + a.since() + ": "
                        + basis + ", at least " + Fmt.num(CRITICAL_FLOOR), a.message(), numbers));
    }

    private static void put(Map<String, Double> numbers, String name, double value) {
        if (Double.isFinite(value)) {
            numbers.put(name, value);
        }
    }

    private static String label(String metric, Map<String, String> segment) {
        if (segment.isEmpty()) {
            return metric;
        }
        StringBuilder sb = new StringBuilder(metric).append(" (");
        int i = 0;
        for (Map.Entry<String, String> e : segment.entrySet()) {
            sb.append(i++ == 0 ? "" : ", ").append(e.getKey()).append('=')
                    .append(e.getValue() == null ? "(none)" : e.getValue());
        }
        return sb.append(')').toString();
    }
}
