package io.kpiengine.report.internal;

import io.kpiengine.core.KpiResult;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.time.Period;
import io.kpiengine.core.track.Alert;
import io.kpiengine.core.track.BaselineValue;
import io.kpiengine.core.track.KpiStatus;
import io.kpiengine.core.track.Pace;
import io.kpiengine.core.track.Scorecard;
import io.kpiengine.core.track.ScorecardRow;
import io.kpiengine.core.track.TrackingFinding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Feeds a report model from a tracking {@link Scorecard} ({@code io.kpiengine.core.track}) instead of the
 * results-based definitions: for every segment line (and the line of a KPI without dimensions) the scorecard's
 * targets (planned, phased, per segment), achievement, status and the rule that decided it, baseline (its method
 * and window; the band is plus or minus one sample standard deviation of the values in that window), alerts (with
 * their new, continuing or resolved state, hysteresis and severity; when the catalog declares no alert rules the
 * results-based target alerts stay) and pace with its forecast; its findings (off track without an action plan,
 * overdue plans and reviews, unrealistic targets) follow the status-based improvement points, one per rule and
 * KPI.
 *
 * <p>The scorecard tracks the cells of the results, so it has no row for the roll-up of a KPI with dimensions. That
 * total keeps its results-based value; it is held to the sum of its segments' targets in each period for a sum or
 * count (when every segment has one), or to their common target for a ratio (none when they differ), and judged by
 * the tracking's default thresholds: exceeded when the stretch target is met, on track from 100 % achievement, at
 * risk from 95 %, off track below.
 */
final class ScorecardFeed {

    private ScorecardFeed() {
    }

    static void apply(ReportModel model, Scorecard card, KpiResults results, Catalog catalog) {
        // a catalog without alert rules gives a scorecard without alerts: the target alerts of the results stay
        boolean ownAlerts = !card.alerts().isEmpty() || !catalog.tracking().alerts().isEmpty();
        Map<Period, Integer> index = new HashMap<>();
        for (int i = 0; i < model.periods.size(); i++) {
            index.put(model.periods.get(i), i);
        }
        for (KpiModel k : model.kpis) {
            for (Line l : k.segments) {
                List<ScorecardRow> rows = card.series(k.metric.id(), l.segment);
                List<KpiResult> series = null;
                for (ScorecardRow row : rows) {
                    Integer i = index.get(row.period());
                    if (i != null) {
                        if (series == null) {
                            series = results.series(k.metric.id(), l.segment);
                        }
                        row(l, i, row, series);
                    }
                }
            }
            if (k.total != null) {
                total(k);
            }
            if (ownAlerts) {
                k.alerts.clear();
            }
            k.pace = null;
            Line only = k.dimensions.isEmpty() && k.segments.size() == 1 ? k.segments.get(0) : null;
            if (only != null) {
                card.row(k.metric.id(), model.periods.get(model.current), only.segment)
                        .flatMap(ScorecardRow::pace).ifPresent(p -> k.pace = pace(p));
            }
        }
        if (ownAlerts) {
            alerts(model, card, index);
        }
        ModelBuilder.complete(model);
        findings(model, card);
        model.feeds.put("Status, targets and achievement", "the tracking scorecard: planned and metadata targets,"
                + " its status rules; totals of sums and counts against the sum of the segments' targets");
        model.feeds.put("Baselines", "the tracking scorecard (each baseline's method and window)");
        model.feeds.put("Alerts", ownAlerts ? "the tracking scorecard's alert rules (new, continuing, resolved)"
                : "results: off-track and at-risk KPIs of the current period, unusual changes (the catalog declares"
                + " no alert rules)");
        model.feeds.put("Pace", "the tracking scorecard: pace to horizon targets, Holt forecast and probability");
        model.feeds.put("Improvement points", "KPIs missing their target by the scorecard's statuses, then the"
                + " scorecard's findings (action plans, reviews, target realism)");
    }

    private static void row(Line l, int i, ScorecardRow row, List<KpiResult> series) {
        l.target[i] = nan(row.target());
        l.bandLow[i] = nan(row.bandLow());
        l.bandHigh[i] = nan(row.bandHigh());
        l.achievement[i] = nan(row.achievement());
        l.status[i] = status(row.status());
        l.statusRule[i] = row.statusRule();
        l.stretch[i] = nan(row.stretch());
        BaselineValue b = row.baseline();
        l.baseline[i] = nan(b.value());
        l.baselineLow[i] = Double.NaN;
        l.baselineHigh[i] = Double.NaN;
        if (b.value().isPresent() && b.windowStart().isPresent() && b.windowEnd().isPresent()) {
            double sd = sd(series, b.windowStart().get(), b.windowEnd().get());
            if (Double.isFinite(sd)) {
                l.baselineLow[i] = b.value().getAsDouble() - sd;
                l.baselineHigh[i] = b.value().getAsDouble() + sd;
            }
        }
    }

    /** The sample standard deviation (two passes) of a series' values from {@code first} to {@code last}. */
    private static double sd(List<KpiResult> series, Period first, Period last) {
        double sum = 0;
        int n = 0;
        for (KpiResult r : series) {
            if (r.period().compareTo(first) >= 0 && r.period().compareTo(last) <= 0 && r.value().isPresent()) {
                sum += r.value().value();
                n++;
            }
        }
        if (n < 2) {
            return Double.NaN;
        }
        double mean = sum / n;
        double ss = 0;
        for (KpiResult r : series) {
            if (r.period().compareTo(first) >= 0 && r.period().compareTo(last) <= 0 && r.value().isPresent()) {
                ss += (r.value().value() - mean) * (r.value().value() - mean);
            }
        }
        return Math.sqrt(ss / (n - 1));
    }

    /**
     * The total against the segments' targets (class comment): their sum for a sum or count, their common value for
     * a ratio (none when the segments' targets differ).
     */
    private static void total(KpiModel k) {
        Line t = k.total;
        for (int i = 0; i < t.value.length; i++) {
            double target = k.additive ? 0 : k.segments.get(0).target[i];
            double stretch = k.additive ? 0 : k.segments.get(0).stretch[i];
            for (Line l : k.segments) {
                if (k.additive) {
                    target += l.target[i];
                    stretch += l.stretch[i];
                } else if (Double.compare(l.target[i], target) != 0 || Double.compare(l.stretch[i], stretch) != 0) {
                    target = Double.NaN;
                    stretch = Double.NaN;
                }
            }
            t.target[i] = target;
            t.stretch[i] = stretch;
            if (Double.isNaN(t.value[i]) || t.status[i] == Status.UNRELIABLE || t.status[i] == Status.PARTIAL_PERIOD) {
                continue;
            }
            t.achievement[i] = ModelBuilder.achievement(k.md.direction().orElse(null), t.value[i], target, Double.NaN,
                    Double.NaN);
            double a = t.achievement[i];
            if (Double.isNaN(a)) {
                t.status[i] = Status.NOT_RATED;
                continue;
            }
            boolean lower = k.lowerIsBetter();
            boolean stretched = Double.isFinite(stretch) && (lower ? t.value[i] <= stretch : t.value[i] >= stretch);
            t.status[i] = stretched ? Status.EXCEEDED : a >= 100 ? Status.ON_TRACK : a >= 95 ? Status.AT_RISK
                    : Status.OFF_TRACK;
            t.statusRule[i] = k.additive ? "total against the sum of the segments' targets"
                    : "total against the segments' common target";
        }
    }

    private static KpiModel.PaceInfo pace(Pace p) {
        double target = p.target().targetValue().map(java.math.BigDecimal::doubleValue).orElse(Double.NaN);
        String outlook = p.outlook().map(o -> o.id().replace('-', ' ')).orElse(p.reason().orElse("no forecast"));
        return new KpiModel.PaceInfo(target, p.horizonEnd().toString(), nan(p.percent()), nan(p.toDateExpected()),
                outlook, nan(p.forecast()), nan(p.probability()),
                "scorecard: " + p.model().orElse("pace without forecast"));
    }

    private static void alerts(ReportModel model, Scorecard card, Map<Period, Integer> index) {
        Map<String, KpiModel> byId = new HashMap<>();
        for (KpiModel k : model.kpis) {
            byId.put(k.metric.id(), k);
        }
        for (Alert a : card.alerts()) {
            KpiModel k = byId.get(a.metric());
            if (k == null) {
                continue;
            }
            Integer i = index.get(a.period());
            String severity = a.severity().name().toLowerCase(Locale.ROOT);
            if (a.state() == Alert.State.RESOLVED) {
                severity = "resolved";
            }
            String label = ModelBuilder.label(a.segment());
            k.alerts.add(new AlertItem(severity, a.state().id(), k, label, i == null ? model.current : i,
                    a.period().toString(), k.name + (a.segment().isEmpty() ? "" : " (" + label + ")") + ": "
                    + words(a), a.rule()));
        }
    }

    /** The scorecard's findings after the status-based points, one point per rule and KPI. */
    /** The alert's message without the metric, segment and period it starts with (the list shows them). */
    private static String words(Alert a) {
        String m = a.message();
        String head = a.period() + ": ";
        int at = m.indexOf(head);
        return at >= 0 && m.startsWith(a.metric()) ? m.substring(at + head.length()) : m;
    }

    private static void findings(ReportModel model, Scorecard card) {
        Map<String, KpiModel> byId = new HashMap<>();
        for (KpiModel k : model.kpis) {
            byId.put(k.metric.id(), k);
        }
        Map<String, List<TrackingFinding>> groups = new LinkedHashMap<>();
        for (TrackingFinding f : card.findings()) {
            if (byId.containsKey(f.metric())) {
                groups.computeIfAbsent(f.rule() + "\u0000" + f.metric(), x -> new ArrayList<>()).add(f);
            }
        }
        for (List<TrackingFinding> g : groups.values()) {
            TrackingFinding f = g.get(0);
            KpiModel k = byId.get(f.metric());
            List<String> details = new ArrayList<>();
            String title;
            if (g.size() == 1) {
                title = f.message();
                if (!f.segment().isEmpty()) {
                    details.add("Segment: " + ModelBuilder.label(f.segment()) + ".");
                }
            } else {
                title = k.name + ": " + f.rule().replace('-', ' ') + " in " + g.size() + " segments";
                for (int i = 0; i < Math.min(3, g.size()); i++) {
                    details.add(g.get(i).message());
                }
                if (g.size() > 3) {
                    details.add("and " + (g.size() - 3) + " more.");
                }
            }
            details.add("Owner: " + k.md.owner().orElse("no owner") + "; finding " + f.rule() + " ("
                    + f.severity().name().toLowerCase(Locale.ROOT) + ").");
            model.improvements.add(new ReportModel.Improvement(k, title, details, 0, "scorecard"));
        }
    }

    static Status status(KpiStatus s) {
        return Status.valueOf(s.name());
    }

    private static double nan(OptionalDouble d) {
        return d.isPresent() ? d.getAsDouble() : Double.NaN;
    }
}
