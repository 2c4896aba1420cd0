package io.kpiengine.report.internal;

import io.kpiengine.analysis.AnalysisException;
import io.kpiengine.analysis.CrossCorrelation;
import io.kpiengine.analysis.Figure;
import io.kpiengine.analysis.Series;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The results-based improvement points and leading-indicator links of a report.
 *
 * <p>An <b>improvement point</b> is a KPI whose headline (or, without one, any segment) is off track or at risk
 * in the current period. Its sentences give the value against the target, the change against the period before,
 * how many periods in a row it has missed, its weakest segment (lowest achievement), the status of its leading
 * indicators, and its owner. Points are ordered core KPIs first, then by shortfall ({@code 100 - achievement}).
 *
 * <p>A <b>leading-indicator link</b> is a KPI's declared leading indicator ({@code leadingIndicators} in the
 * catalog). Its strength is the cross-correlation of the two headline series over the longest stretch of periods
 * where both have values, ending as late as possible: statsmodels' unadjusted {@code ccf} (kpi-analysis
 * {@link CrossCorrelation}) at lags 0 to 3 (fewer for short series), the lag with the largest magnitude, and the
 * 95 % band {@code 1.96 / sqrt(n)}. At least 8 common periods are needed; otherwise the link says why it has no
 * number. A correlation is a lead to look into, not proof that one KPI drives the other.
 */
final class Insights {

    /** Fewest common periods for a correlation. */
    static final int MIN_PERIODS = 8;
    /** The largest lag looked at. */
    static final int MAX_LAG = 3;

    private Insights() {
    }

    static void improvements(ReportModel model) {
        int c = model.current;
        Map<String, KpiModel> byId = byId(model);
        List<ReportModel.Improvement> out = new ArrayList<>();
        for (KpiModel k : model.kpis) {
            Line h = k.headline();
            List<String> details = new ArrayList<>();
            double priority;
            String title;
            if (h != null) {
                Status s = h.status[c];
                if (s != Status.OFF_TRACK && s != Status.AT_RISK) {
                    continue;
                }
                double shortfall = 100 - h.achievement[c];
                priority = (k.isCore() ? 1000 : 0) + (Double.isFinite(shortfall) ? shortfall : 0);
                title = k.name + " is " + s.label().toLowerCase(Locale.ROOT)
                        + (Double.isFinite(h.achievement[c]) ? " at " + k.style.achievement(h.achievement[c])
                        + " of target" : "");
                details.add(k.style.format(h.value[c]) + " against a target of " + target(k, h, c) + "; "
                        + change(k, h, c, model));
                int run = 1;
                while (c - run >= 0 && (h.status[c - run] == Status.OFF_TRACK || h.status[c - run] == Status.AT_RISK)) {
                    run++;
                }
                if (run > 1) {
                    details.add("Short of target for " + run + " periods in a row.");
                }
                if (k.segments.size() > 1) {
                    Line worst = null;
                    for (Line l : k.segments) {
                        if (Double.isFinite(l.achievement[c])
                                && (worst == null || l.achievement[c] < worst.achievement[c])) {
                            worst = l;
                        }
                    }
                    if (worst != null) {
                        details.add("Weakest segment: " + worst.label + " at " + k.style.achievement(worst.achievement[c])
                                + " of target (" + k.style.format(worst.value[c]) + ").");
                    }
                }
            } else {
                List<Line> missing = new ArrayList<>();
                for (Line l : k.segments) {
                    if (l.status[c] == Status.OFF_TRACK || l.status[c] == Status.AT_RISK) {
                        missing.add(l);
                    }
                }
                if (missing.isEmpty()) {
                    continue;
                }
                missing.sort(Comparator.comparingDouble(l -> Double.isFinite(l.achievement[c]) ? l.achievement[c] : 1e9));
                priority = (k.isCore() ? 1000 : 0) + 100.0 * missing.size() / k.segments.size();
                title = k.name + ": " + missing.size() + " of " + k.segments.size() + " segments short of target";
                StringBuilder b = new StringBuilder("Furthest from target: ");
                for (int i = 0; i < Math.min(3, missing.size()); i++) {
                    Line l = missing.get(i);
                    b.append(i == 0 ? "" : "; ").append(l.label).append(' ').append(k.style.format(l.value[c]));
                    if (Double.isFinite(l.achievement[c])) {
                        b.append(" (").append(k.style.achievement(l.achievement[c])).append(')');
                    }
                }
                details.add(b.append('.').toString());
            }
            for (String id : k.md.leadingIndicators()) {
                KpiModel lead = byId.get(id);
                Line lh = lead == null ? null : lead.headline();
                if (lh != null) {
                    details.add("Leading indicator " + lead.name + ": " + lh.status[c].label().toLowerCase(Locale.ROOT)
                            + ", " + lead.style.format(lh.value[c]) + "; " + change(lead, lh, c, model));
                }
            }
            String owner = k.md.owner().orElse("no owner");
            details.add("Owner: " + owner + k.md.reviewCycle().map(r -> "; reviewed "
                    + r.name().toLowerCase(Locale.ROOT)).orElse("") + ".");
            out.add(new ReportModel.Improvement(k, title, details, priority, "results"));
        }
        out.sort(Comparator.comparingDouble(ReportModel.Improvement::priority).reversed());
        model.improvements.clear();
        model.improvements.addAll(out);
    }

    private static String target(KpiModel k, Line l, int c) {
        if (Double.isFinite(l.target[c])) {
            return k.style.format(l.target[c]);
        }
        return k.style.format(l.bandLow[c]) + " to " + k.style.format(l.bandHigh[c]);
    }

    private static String change(KpiModel k, Line l, int c, ReportModel model) {
        double ch = l.changePercent(c);
        if (!Double.isFinite(ch)) {
            return "no change to compare with the period before.";
        }
        return k.style.signedPercent(ch) + " against " + (c > 0 ? model.period(c - 1) : "the period before") + ".";
    }

    static void leading(ReportModel model) {
        Map<String, KpiModel> byId = byId(model);
        model.leading.clear();
        for (KpiModel k : model.kpis) {
            for (String id : k.md.leadingIndicators()) {
                KpiModel lead = byId.get(id);
                model.leading.add(link(k, lead, id));
            }
        }
    }

    private static ReportModel.LeadLink link(KpiModel lagging, KpiModel leading, String id) {
        if (leading == null) {
            return new ReportModel.LeadLink(lagging, null, id, -1, Double.NaN, Double.NaN, 0,
                    "'" + id + "' is not a KPI of this report");
        }
        Line y = lagging.headline();
        Line x = leading.headline();
        if (x == null || y == null) {
            return new ReportModel.LeadLink(lagging, leading, id, -1, Double.NaN, Double.NaN, 0,
                    "no headline series to correlate (several segments, no total)");
        }
        int end = x.value.length - 1;
        while (end >= 0 && !(Double.isFinite(x.value[end]) && Double.isFinite(y.value[end]))) {
            end--;
        }
        int start = end;
        while (start > 0 && Double.isFinite(x.value[start - 1]) && Double.isFinite(y.value[start - 1])) {
            start--;
        }
        int n = end < 0 ? 0 : end - start + 1;
        if (n < MIN_PERIODS) {
            return new ReportModel.LeadLink(lagging, leading, id, -1, Double.NaN, Double.NaN, n,
                    "only " + n + " periods in common; a correlation needs " + MIN_PERIODS);
        }
        int maxLag = Math.min(MAX_LAG, n / 4);
        double[] xs = java.util.Arrays.copyOfRange(x.value, start, end + 1);
        double[] ys = java.util.Arrays.copyOfRange(y.value, start, end + 1);
        try {
            CrossCorrelation ccf = CrossCorrelation.of(Series.of(id, xs), Series.of(lagging.metric.id(), ys), maxLag);
            int best = -1;
            double r = Double.NaN;
            for (int lag = 0; lag <= maxLag; lag++) {
                Figure f = ccf.correlation(lag);
                if (f.isPresent() && (best < 0 || Math.abs(f.value()) > Math.abs(r))) {
                    best = lag;
                    r = f.value();
                }
            }
            if (best < 0) {
                return new ReportModel.LeadLink(lagging, leading, id, -1, Double.NaN, ccf.band(), n,
                        ccf.reason().orElse("no correlation"));
            }
            return new ReportModel.LeadLink(lagging, leading, id, best, r, ccf.band(), n, null);
        } catch (AnalysisException e) {
            return new ReportModel.LeadLink(lagging, leading, id, -1, Double.NaN, Double.NaN, n, e.getMessage());
        }
    }

    private static Map<String, KpiModel> byId(ReportModel model) {
        Map<String, KpiModel> byId = new HashMap<>();
        for (KpiModel k : model.kpis) {
            byId.put(k.metric.id(), k);
        }
        return byId;
    }
}
