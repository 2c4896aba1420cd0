package io.kpiengine.report.internal;

import io.kpiengine.core.metric.Baseline;
import io.kpiengine.core.metric.MetricVersion;
import io.kpiengine.core.metric.Target;
import io.kpiengine.report.View;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a {@link ReportModel} as one HTML document: the views as sections (one shown at a time, chosen by the
 * page address), every chart as an empty container that the page script fills from the embedded chart options,
 * and next to every chart its numbers as a table.
 *
 * <p>Every piece of user text goes through {@link Html#escape(String)}; element ids and links are built from
 * indexes ({@code kpi-3}, {@code c17}), never from user text. The document's head carries a Content-Security-Policy
 * that allows exactly the page's two scripts (by their SHA-256) and its style sheet (by its hash), no request of any
 * kind ({@code default-src 'none'}), and inline style attributes, which the charting library sets on the elements it
 * draws ({@link Assets}).
 */
public final class PageWriter {

    private final ReportModel m;
    private final StringBuilder out;
    private final Map<String, Object> charts = new LinkedHashMap<>();
    /** Chart ids by what they show, so that a chart shown in two views is embedded once. */
    private final Map<String, String> chartIds = new HashMap<>();
    private final java.text.NumberFormat integers;
    private final int c;

    private PageWriter(ReportModel model, int capacity) {
        this.m = model;
        this.out = new StringBuilder(capacity);
        this.c = model.current;
        this.integers = java.text.NumberFormat.getIntegerInstance(model.locale);
    }

    /**
     * Writes the document.
     *
     * @param model the model
     * @return the HTML text
     */
    public static String write(ReportModel model) {
        return new PageWriter(model, Assets.echarts().length() + 400_000 + model.kpis.size() * 40_000).document();
    }

    private String document() {
        StringBuilder body = new StringBuilder();
        StringBuilder head = out;
        // the body first: it decides the charts, whose options go into the data script
        int start = head.length();
        header();
        out.append("<main class=\"wrap\">");
        for (View v : m.views) {
            switch (v) {
                case EXECUTIVE -> executive();
                case MANAGER -> manager();
                default -> analyst();
            }
        }
        for (KpiModel k : m.kpis) {
            detail(k);
        }
        out.append("</main>");
        footer();
        body.append(out, start, out.length());
        out.setLength(0);

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("locale", m.locale.toLanguageTag());
        data.put("views", m.views.stream().map(View::id).toList());
        data.put("charts", charts);
        String json = Json.text(data);
        String script = Assets.script();
        String css = Assets.css();
        String csp = "default-src 'none'; script-src " + Assets.hash(Assets.echarts()) + " " + Assets.hash(script)
                + "; style-src-elem " + Assets.hash(css) + "; style-src-attr 'unsafe-inline'; img-src data:;"
                + " base-uri 'none'; form-action 'none'";
        out.append("<!DOCTYPE html>\n<html lang=\"").append(Html.escape(m.locale.toLanguageTag()))
                .append("\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(csp).append("\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"referrer\" content=\"no-referrer\">\n")
                .append("<meta name=\"generator\" content=\"KPI Engine kpi-report\">\n")
                .append("<title>").append(Html.escape(m.title)).append("</title>\n")
                .append("<style>").append(css).append("</style>\n</head>\n<body>\n");
        out.append(body);
        out.append("\n<script type=\"application/json\" id=\"kpi-data\">").append(json).append("</script>\n");
        out.append("<script>").append(Assets.echarts()).append("</script>\n");
        out.append("<script>").append(script).append("</script>\n</body>\n</html>\n");
        return out.toString();
    }

    private String chart(Map<String, Object> spec) {
        String id = "c" + (charts.size() + 1);
        charts.put(id, spec);
        return id;
    }

    /** The id of a chart shown in more than one view: built and embedded the first time only. */
    private String chart(String key, java.util.function.Supplier<Map<String, Object>> spec) {
        String id = chartIds.get(key);
        if (id == null) {
            id = chart(spec.get());
            chartIds.put(key, id);
        }
        return id;
    }

    private void chartDiv(String id, String cls, String label) {
        chartDiv(id, cls, label, 0);
    }

    /** A chart's container; a heat map's rows size it (the page script reads {@code data-rows}). */
    private void chartDiv(String id, String cls, String label, int rows) {
        out.append("<div class=\"chart ").append(cls).append("\" data-chart=\"").append(id).append('"');
        if (rows > 0) {
            out.append(" data-rows=\"").append(rows).append('"');
        }
        out.append(" role=\"img\" aria-label=\"").append(Html.escape(label)).append("\"></div>");
    }

    // ---- header, footer ---------------------------------------------------------------------------------------

    private void header() {
        out.append("<header class=\"top\"><div class=\"wrap\"><div class=\"title-row\"><div>")
                .append("<p class=\"eyebrow\">KPI report \u00b7 ").append(Html.escape(m.catalog)).append("</p>")
                .append("<h1>").append(Html.escape(m.title)).append("</h1>")
                .append("<p class=\"sub\">").append(Html.escape(m.period(c))).append(" \u00b7 ")
                .append(Html.escape(m.grain)).append(" \u00b7 ").append(Html.escape(m.zone)).append(" \u00b7 ")
                .append(m.kpis.size()).append(m.kpis.size() == 1 ? " KPI" : " KPIs").append("</p></div>");
        qualityBadge();
        out.append("</div><nav class=\"tabs\" role=\"tablist\" aria-label=\"Views\">");
        for (View v : m.views) {
            out.append("<a role=\"tab\" id=\"tab-").append(v.id()).append("\" href=\"#").append(v.id())
                    .append("\" aria-controls=\"").append(v.id()).append("\" aria-selected=\"")
                    .append(v == m.views.get(0)).append("\">").append(v.label()).append("</a>");
        }
        out.append("</nav></div></header>");
    }

    private void qualityBadge() {
        ReportModel.Quality q = m.quality;
        long input = 0;
        long clean = 0;
        long quarantined = 0;
        long merged = 0;
        for (ReportModel.SourceQuality s : q.sources()) {
            input += s.input();
            clean += s.clean();
            quarantined += s.quarantined();
            merged += s.merged();
        }
        String cls = switch (q.verdict()) {
            case "PASS" -> "q-pass";
            case "WARN" -> "q-warn";
            case "FAIL" -> "q-fail";
            default -> "q-none";
        };
        String icon = switch (q.verdict()) {
            case "PASS" -> "\u2714";
            case "WARN" -> "\u25B2";
            case "FAIL" -> "\u2716";
            default -> "\u25CB";
        };
        String word = q.verdict().equals("NOT_CHECKED") ? "not checked" : q.verdict();
        out.append("<a class=\"quality ").append(cls).append("\" href=\"#analyst\" id=\"quality-badge\">")
                .append("<span class=\"q-icon\" aria-hidden=\"true\">").append(icon).append("</span><span>")
                .append("<strong>Data quality: ").append(word).append("</strong><span class=\"q-account\">")
                .append(count(input)).append(" rows read = ").append(count(clean)).append(" clean + ")
                .append(count(quarantined)).append(" quarantined + ").append(count(merged))
                .append(" merged</span></span></a>");
    }

    private String count(long n) {
        return integers.format(n);
    }

    private void footer() {
        out.append("<footer class=\"wrap foot\"><p>Generated by KPI Engine from catalog ")
                .append(Html.escape(m.catalog)).append(". One self-contained file: it makes no network request. ")
                .append("Charts by Apache ECharts ").append(Assets.ECHARTS_VERSION)
                .append(" (Apache License 2.0; copyright The Apache Software Foundation), inlined with its licence")
                .append(" header.</p></footer>");
    }

    // ---- executive ------------------------------------------------------------------------------------------

    private void executive() {
        section(View.EXECUTIVE);
        out.append("<h2 class=\"section-title\">Summary for ").append(Html.escape(m.period(c)))
                .append(" <span>against targets")
                .append(c > 0 ? " and " + Html.escape(m.period(c - 1)) : "").append("</span></h2>");
        if (m.thinCurrent != null) {
            out.append("<p class=\"notice\" role=\"note\">").append(Html.escape(m.thinCurrent)).append(".</p>");
        }
        out.append("<div class=\"tiles\">");
        for (KpiModel k : m.core) {
            tile(k);
        }
        out.append("</div><div class=\"grid\">");
        out.append("<article class=\"card span-all\"><h3>Trends against target</h3><div class=\"multiples\">");
        for (KpiModel k : m.core) {
            Line h = k.headline();
            if (h == null) {
                continue;
            }
            out.append("<figure class=\"multiple\"><figcaption><a href=\"#").append(k.anchor()).append("\">")
                    .append(Html.escape(k.name)).append("</a></figcaption>");
            String id = chart("summary" + k.index, () -> Charts.trend(k, List.of(h), periods(), false));
            chartDiv(id, "h-m", "Trend of " + k.name + " against its target and baseline");
            trendTable(k, List.of(h), "Trend of " + k.name);
            out.append("</figure>");
        }
        out.append("</div></article>");
        out.append("<article class=\"card span-all\"><h3>Progress to target</h3><div class=\"gauges\">");
        for (KpiModel k : m.core) {
            gauge(k);
        }
        out.append("</div></article>");
        out.append("<article class=\"card\"><h3>Alerts <span class=\"count\">").append(m.alerts.size())
                .append("</span></h3>");
        alertList(m.alerts, 6);
        out.append("</article>");
        out.append("<article class=\"card span2\"><h3>Where to improve</h3>");
        improvements(3);
        out.append("</article>");
        for (ReportModel.Composite comp : m.composites) {
            out.append("<article class=\"card\"><h3>").append(Html.escape(comp.name()))
                    .append(" <span class=\"muted\">composite score by ")
                    .append(Html.escape(String.join(" \u00b7 ", comp.entities()))).append(", ")
                    .append(Html.escape(comp.period())).append("</span></h3>");
            String id = chart("ranking" + comp.tree(), () -> Charts.ranking(comp));
            chartDiv(id, "h-heat", "Ranking of " + comp.name(), (int) comp.rows().stream()
                    .filter(r -> Double.isFinite(r.score())).count());
            if (m.periods.size() > 1) {
                String trend = chart("scoreTrend" + comp.tree(), () -> Charts.scoreTrend(comp, periods()));
                chartDiv(trend, "h-m", comp.name() + " by " + String.join(" \u00b7 ", comp.entities())
                        + " over time");
            }
            compositeTable(comp);
            out.append("</article>");
        }
        out.append("</div></section>");
    }

    private void section(View v) {
        out.append("<section class=\"view\" id=\"").append(v.id()).append("\" role=\"tabpanel\" aria-labelledby=\"tab-")
                .append(v.id()).append('"').append(v == m.views.get(0) ? "" : " hidden").append('>');
    }

    private void tile(KpiModel k) {
        Line h = k.headline();
        Status s = h == null ? worst(k) : h.status[c];
        out.append("<article class=\"tile s-").append(s.id()).append("\" data-kpi=\"")
                .append(Html.escape(k.metric.id())).append("\"><div class=\"tile-top\"><a class=\"tile-name\" href=\"#")
                .append(k.anchor()).append("\">").append(Html.escape(k.name)).append("</a>");
        pill(s);
        out.append("</div>");
        if (h == null) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            int on = 0;
            int off = 0;
            for (Line l : k.segments) {
                if (Double.isFinite(l.value[c])) {
                    lo = Math.min(lo, l.value[c]);
                    hi = Math.max(hi, l.value[c]);
                }
                on += l.status[c] == Status.ON_TRACK || l.status[c] == Status.EXCEEDED ? 1 : 0;
                off += l.status[c] == Status.OFF_TRACK || l.status[c] == Status.AT_RISK ? 1 : 0;
            }
            out.append("<div class=\"tile-value range\">");
            if (Double.isFinite(lo)) {
                out.append(Html.escape(k.style.format(lo))).append("<span class=\"muted\"> to </span>")
                        .append(Html.escape(k.style.format(hi)));
            } else {
                out.append("\u2013");
            }
            out.append("</div><p class=\"muted small\">Range over ").append(k.segments.size())
                    .append(" segments: ").append(on).append(" meet the target, ").append(off)
                    .append(" short of it. No total: ").append(Html.escape(k.totalNote.replaceFirst("^no total: ", "")))
                    .append(".</p>");
        } else {
            out.append("<div class=\"tile-value\">").append(Html.escape(k.style.format(h.value[c]))).append("</div>");
            out.append("<dl class=\"facts\">");
            fact("Target", vsTarget(k, h));
            fact(c > 0 ? "vs " + Html.escape(m.period(c - 1)) : "vs before", change(k, h.changePercent(c)));
            out.append("</dl>");
            Sparkline.write(out, h, c, k.name + ", the last " + (c + 1) + " periods");
        }
        out.append("<details class=\"def\"><summary>Definition</summary>");
        definition(k);
        out.append("</details></article>");
    }

    /** The most pressing status among a KPI's segments, for a tile without a total. */
    private Status worst(KpiModel k) {
        Status[] order = {Status.UNRELIABLE, Status.OFF_TRACK, Status.AT_RISK, Status.ON_TRACK, Status.EXCEEDED,
            Status.PARTIAL_PERIOD, Status.NOT_RATED, Status.NO_DATA};
        for (Status s : order) {
            for (Line l : k.segments) {
                if (l.status[c] == s) {
                    return s;
                }
            }
        }
        return Status.NO_DATA;
    }

    private void fact(String term, String html) {
        out.append("<div><dt>").append(term).append("</dt><dd>").append(html).append("</dd></div>");
    }

    private String vsTarget(KpiModel k, Line h) {
        double t = h.target[c];
        if (Double.isFinite(t) && Double.isFinite(h.value[c]) && t != 0) {
            double gap = (h.value[c] - t) / Math.abs(t) * 100;
            return Html.escape(k.style.format(t)) + " <span class=\"" + judgeClass(k.judge(gap)) + "\">("
                    + Html.escape(k.style.signedPercent(gap)) + ")</span>";
        }
        if (Double.isFinite(h.bandLow[c])) {
            return Html.escape(k.style.format(h.bandLow[c])) + " to " + Html.escape(k.style.format(h.bandHigh[c]));
        }
        return "<span class=\"muted\">none</span>";
    }

    private String change(KpiModel k, double pct) {
        if (!Double.isFinite(pct)) {
            return "<span class=\"muted\">\u2013</span>";
        }
        int j = k.judge(pct);
        String arrow = pct > 0 ? "\u25B2" : pct < 0 ? "\u25BC" : "\u25C6";
        String word = j > 0 ? "better" : j < 0 ? "worse" : "change";
        return "<span class=\"" + judgeClass(j) + "\" title=\"" + word + "\"><span aria-hidden=\"true\">" + arrow
                + "</span> " + Html.escape(k.style.signedPercent(pct)) + "<span class=\"sr\"> (" + word + ")</span></span>";
    }

    private static String judgeClass(int j) {
        return j > 0 ? "good" : j < 0 ? "bad" : "neutral";
    }

    private void pill(Status s) {
        out.append("<span class=\"pill s-").append(s.id()).append("\"><span aria-hidden=\"true\">").append(s.icon())
                .append("</span> ").append(s.label()).append("</span>");
    }

    private void gauge(KpiModel k) {
        Line h = k.headline();
        out.append("<figure class=\"gauge\"><figcaption><a href=\"#").append(k.anchor()).append("\">")
                .append(Html.escape(k.name)).append("</a></figcaption>");
        if (h == null || !Double.isFinite(h.achievement[c])) {
            out.append("<p class=\"muted small\">").append(h == null ? "No total to measure." : "No target.")
                    .append("</p></figure>");
            return;
        }
        String id = chart("gauge" + k.index, () -> Charts.gauge(k, h, c));
        chartDiv(id, "h-g", k.name + ": " + k.style.achievement(h.achievement[c]) + " of target");
        out.append("<p class=\"gauge-note\">").append(Html.escape(k.style.format(h.value[c]))).append(" of ")
                .append(Html.escape(Double.isFinite(h.target[c]) ? k.style.format(h.target[c])
                        : k.style.format(h.bandLow[c]) + "\u2013" + k.style.format(h.bandHigh[c])))
                .append("</p>");
        if (k.pace != null) {
            paceNote(k);
        }
        out.append("</figure>");
    }

    private void paceNote(KpiModel k) {
        KpiModel.PaceInfo p = k.pace;
        out.append("<p class=\"gauge-note pace\">Pace to ").append(Html.escape(k.style.format(p.target())))
                .append(" by ").append(Html.escape(p.due())).append(": ");
        if (Double.isFinite(p.percent())) {
            out.append(Html.escape(k.style.achievement(p.percent()))).append(" of the planned path, ");
        }
        out.append(Html.escape(p.outlook()));
        if (Double.isFinite(p.forecast())) {
            out.append("; forecast ").append(Html.escape(k.style.format(p.forecast())));
        }
        if (Double.isFinite(p.probability())) {
            out.append(String.format(Locale.ROOT, "; %.0f %% likely", p.probability() * 100));
        }
        out.append(".</p>");
    }

    private void alertList(List<AlertItem> alerts, int max) {
        if (alerts.isEmpty()) {
            out.append("<p class=\"muted\">No alerts in ").append(Html.escape(m.period(c))).append(".</p>");
            return;
        }
        out.append("<ul class=\"alerts\">");
        int n = 0;
        for (AlertItem a : alerts) {
            if (n++ == max) {
                break;
            }
            String icon = a.rank() == 0 ? "\u2716" : a.rank() == 1 ? "\u25B2" : "\u25CB";
            out.append("<li class=\"alert a-").append(Html.escape(a.severity())).append("\"><span class=\"a-icon\" aria-hidden=\"true\">")
                    .append(icon).append("</span><div><p><strong>").append(Html.escape(cap(a.severity())))
                    .append("</strong> <span class=\"muted\">").append(Html.escape(a.state())).append(" \u00b7 ")
                    .append(Html.escape(a.periodText())).append("</span></p><p><a href=\"#").append(a.kpi().anchor())
                    .append("\">").append(Html.escape(a.message())).append("</a></p></div></li>");
        }
        out.append("</ul>");
        if (alerts.size() > max) {
            out.append("<p class=\"more\"><a href=\"#analyst\">All ").append(alerts.size())
                    .append(" alerts in the analyst view</a></p>");
        }
    }

    private static String cap(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private void improvements(int max) {
        if (m.improvements.isEmpty()) {
            out.append("<p class=\"muted\">Every KPI with a target meets it in ").append(Html.escape(m.period(c)))
                    .append(".</p>");
            return;
        }
        out.append("<ol class=\"improve\">");
        int n = 0;
        for (ReportModel.Improvement i : m.improvements) {
            if (n++ == max) {
                break;
            }
            if (i.kpi() != null) {
                out.append("<li><p class=\"i-title\"><a href=\"#").append(i.kpi().anchor()).append("\">")
                        .append(Html.escape(i.title())).append("</a></p><ul>");
            } else {
                out.append("<li><p class=\"i-title\">").append(Html.escape(i.title())).append("</p><ul>");
            }
            for (String d : i.details()) {
                out.append("<li>").append(Html.escape(d)).append("</li>");
            }
            out.append("</ul></li>");
        }
        out.append("</ol>");
        if (m.improvements.size() > max) {
            out.append("<p class=\"more\"><a href=\"#analyst\">All ").append(m.improvements.size())
                    .append(" improvement points in the analyst view</a></p>");
        }
    }

    // ---- manager --------------------------------------------------------------------------------------------

    private void manager() {
        section(View.MANAGER);
        out.append("<h2 class=\"section-title\">Teams <span>").append(m.teams.size())
                .append(m.teams.size() == 1 ? " owner" : " owners").append(", ").append(Html.escape(m.period(c)))
                .append("</span></h2>");
        int t = 0;
        for (Map.Entry<String, List<KpiModel>> e : m.teams.entrySet()) {
            team(e.getKey(), e.getValue(), t++);
        }
        out.append("</section>");
    }

    private void team(String owner, List<KpiModel> kpis, int t) {
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        for (KpiModel k : kpis) {
            Line h = k.headline();
            if (h != null) {
                counts.merge(h.status[c], 1, Integer::sum);
            }
        }
        out.append("<section class=\"team\" id=\"team-").append(t).append("\"><h3 class=\"team-title\">")
                .append(Html.escape(owner)).append(" <span class=\"muted\">").append(kpis.size())
                .append(kpis.size() == 1 ? " KPI" : " KPIs");
        for (Status s : Status.values()) {
            int count = counts.getOrDefault(s, 0);
            if (count > 0) {
                out.append(" \u00b7 ").append(count).append(' ').append(s.label().toLowerCase(Locale.ROOT));
            }
        }
        out.append("</span></h3><div class=\"card\">");
        kpiTable(kpis, "KPIs of " + owner);
        out.append("</div>");
        List<KpiModel> rated = new ArrayList<>();
        for (KpiModel k : kpis) {
            if (k.headline() != null && Line.anyFinite(k.headline().achievement)) {
                rated.add(k);
            }
        }
        out.append("<div class=\"grid\">");
        if (!rated.isEmpty()) {
            out.append("<article class=\"card span2\"><h4>Achievement over time</h4>");
            String id = chart(teamHeat(rated));
            chartDiv(id, "h-heat", "Achievement of the KPIs of " + owner + " by period", rated.size());
            achievementTable(rated, "Achievement of the KPIs of " + owner + ", in percent of target");
            out.append("</article>");
        }
        for (KpiModel k : kpis) {
            if (k.segments.size() > 1) {
                comparison(k);
            }
        }
        out.append("</div></section>");
    }

    private Map<String, Object> teamHeat(List<KpiModel> kpis) {
        List<Line> lines = new ArrayList<>();
        for (KpiModel k : kpis) {
            Line h = k.headline();
            Line named = new Line(k.name, Map.of(), true, h.value.length);
            System.arraycopy(h.achievement, 0, named.achievement, 0, h.value.length);
            System.arraycopy(h.value, 0, named.value, 0, h.value.length);
            lines.add(named);
        }
        Map<String, Object> spec = Charts.heat(kpis.get(0), lines, periods());
        spec.put("fmt", Charts.map("maximumFractionDigits", 1));
        return spec;
    }

    private void comparison(KpiModel k) {
        List<Line> top = top(k);
        out.append("<article class=\"card\"><h4><a href=\"#").append(k.anchor()).append("\">")
                .append(Html.escape(k.name)).append("</a> by ").append(Html.escape(String.join(" \u00b7 ", k.dimensions)))
                .append(" <span class=\"muted\">").append(Html.escape(m.period(c))).append("</span></h4>");
        String id = chart("bars" + k.index, () -> Charts.bars(k, top, c));
        chartDiv(id, "h-s", k.name + " by segment in " + m.period(c));
        if (k.additive) {
            String d = chart("donut" + k.index, () -> Charts.donut(k, top, c));
            chartDiv(d, "h-s", "Shares of " + k.name + " by segment in " + m.period(c));
        }
        segmentTable(k, "Segments of " + k.name + " in " + m.period(c));
        out.append("</article>");
    }

    /** The segments drawn in a chart: at most {@link Charts#MAX_SERIES}, the largest current values first. */
    private List<Line> top(KpiModel k) {
        List<Line> lines = new ArrayList<>(k.segments);
        if (lines.size() > Charts.MAX_SERIES) {
            lines.sort((a, b) -> Double.compare(finite(b.value[c]), finite(a.value[c])));
            lines = new ArrayList<>(lines.subList(0, Charts.MAX_SERIES));
        }
        return lines;
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : Double.NEGATIVE_INFINITY;
    }

    // ---- analyst ---------------------------------------------------------------------------------------------

    private void analyst() {
        section(View.ANALYST);
        out.append("<h2 class=\"section-title\">Every KPI <span>").append(m.kpis.size()).append(" in ")
                .append(Html.escape(m.period(c))).append("</span></h2><div class=\"card\">");
        kpiTable(m.kpis, "Every KPI in " + m.period(c));
        out.append("</div><div class=\"grid\">");
        out.append("<article class=\"card span2\"><h3>Leading indicators</h3>");
        leadingPanel();
        out.append("</article>");
        out.append("<article class=\"card\"><h3>Alerts <span class=\"count\">").append(m.alerts.size())
                .append("</span></h3>");
        alertList(m.alerts, Integer.MAX_VALUE);
        out.append("</article><article class=\"card\"><h3>Improvement points</h3>");
        improvements(Integer.MAX_VALUE);
        out.append("</article>");
        out.append("<article class=\"card span2\" id=\"quality\"><h3>Data quality</h3>");
        qualityPanel();
        out.append("</article><article class=\"card span2\"><h3>How this report was computed</h3>");
        feeds();
        out.append("</article></div></section>");
    }

    private void kpiTable(List<KpiModel> kpis, String caption) {
        out.append("<div class=\"table-wrap\"><table class=\"kpis\"><caption class=\"sr\">").append(Html.escape(caption))
                .append("</caption><thead><tr><th scope=\"col\">KPI</th><th scope=\"col\" class=\"num\">Value</th>")
                .append("<th scope=\"col\" class=\"num\">Target</th><th scope=\"col\" class=\"num\">Achievement</th>")
                .append("<th scope=\"col\">Status</th><th scope=\"col\" class=\"num\">vs previous</th>")
                .append("<th scope=\"col\">Trend</th></tr></thead><tbody>");
        for (KpiModel k : kpis) {
            Line h = k.headline();
            out.append("<tr data-kpi=\"").append(Html.escape(k.metric.id())).append("\"><th scope=\"row\"><a href=\"#")
                    .append(k.anchor()).append("\">").append(Html.escape(k.name)).append("</a>");
            if (k.isCore()) {
                out.append(" <span class=\"tag\">core</span>");
            }
            out.append("</th>");
            if (h == null) {
                out.append("<td class=\"num muted\" colspan=\"5\">").append(k.segments.size())
                        .append(" segments, no total</td><td></td></tr>");
                continue;
            }
            out.append("<td class=\"num v\">").append(Html.escape(k.style.format(h.value[c]))).append("</td>")
                    .append("<td class=\"num\">").append(Html.escape(target(k, h, c))).append("</td>")
                    .append("<td class=\"num\">").append(Html.escape(k.style.achievement(h.achievement[c])))
                    .append("</td><td>");
            pill(h.status[c]);
            out.append("</td><td class=\"num\">").append(change(k, h.changePercent(c))).append("</td><td>");
            Sparkline.write(out, h, c, k.name + ", the last " + (c + 1) + " periods");
            out.append("</td></tr>");
        }
        out.append("</tbody></table></div>");
    }

    private static String target(KpiModel k, Line l, int i) {
        if (Double.isFinite(l.target[i])) {
            return k.style.format(l.target[i]);
        }
        if (Double.isFinite(l.bandLow[i])) {
            return k.style.format(l.bandLow[i]) + "\u2013" + k.style.format(l.bandHigh[i]);
        }
        return "\u2013";
    }

    private void leadingPanel() {
        if (m.leading.isEmpty()) {
            out.append("<p class=\"muted\">No KPI of this report names leading indicators (leadingIndicators in the"
                    + " catalog).</p>");
            return;
        }
        out.append("<div class=\"table-wrap\"><table><caption class=\"sr\">Leading indicators and how strongly they"
                + " led</caption><thead><tr><th scope=\"col\">KPI</th><th scope=\"col\">Leading indicator</th>"
                + "<th scope=\"col\">Indicator now</th><th scope=\"col\" class=\"num\">Correlation</th>"
                + "<th scope=\"col\">Reading</th></tr></thead><tbody>");
        for (ReportModel.LeadLink l : m.leading) {
            out.append("<tr><th scope=\"row\"><a href=\"#").append(l.lagging().anchor()).append("\">")
                    .append(Html.escape(l.lagging().name)).append("</a></th><td>");
            if (l.leading() != null) {
                out.append("<a href=\"#").append(l.leading().anchor()).append("\">").append(Html.escape(l.leading().name))
                        .append("</a>");
            } else {
                out.append(Html.escape(l.leadingId()));
            }
            out.append("</td><td>");
            Line lh = l.leading() == null ? null : l.leading().headline();
            if (lh != null) {
                pill(lh.status[c]);
                out.append(' ').append(change(l.leading(), lh.changePercent(c)));
            }
            out.append("</td>");
            if (l.note() != null) {
                out.append("<td class=\"num\">\u2013</td><td class=\"muted\">").append(Html.escape(l.note())).append("</td>");
            } else {
                boolean strong = Math.abs(l.r()) > l.band();
                out.append("<td class=\"num\">").append(String.format(m.locale, "r = %.2f", l.r())).append("</td><td>")
                        .append(strong ? "<strong>" : "").append(l.lag() == 0 ? "moves with it" : "leads by " + l.lag()
                                + (l.lag() == 1 ? " period" : " periods"))
                        .append(strong ? "</strong>" : "")
                        .append(String.format(m.locale, " <span class=\"muted\">(%d periods; %s the 95%% band of \u00b1%.2f)</span>",
                                l.n(), strong ? "beyond" : "within", l.band()))
                        .append("</td>");
            }
            out.append("</tr>");
        }
        out.append("</tbody></table></div><p class=\"muted small\">Correlation of the two headline series at the lag"
                + " where it is strongest (0 to 3 periods, the indicator first); a lead to look into, not proof of"
                + " cause.</p>");
    }

    private void qualityPanel() {
        for (ReportModel.SourceQuality s : m.quality.sources()) {
            out.append("<h4>Source ").append(Html.escape(s.source())).append(" <span class=\"muted\">verdict ")
                    .append(Html.escape(s.verdict())).append("</span></h4>")
                    .append("<p class=\"account\"><span>").append(count(s.input())).append(" read</span> = <span>")
                    .append(count(s.clean())).append(" clean</span> + <span>").append(count(s.quarantined()))
                    .append(" quarantined</span> + <span>").append(count(s.merged())).append(" merged</span></p>");
            for (String f : s.findings()) {
                out.append("<p class=\"finding\">").append(Html.escape(f)).append("</p>");
            }
            if (!s.rules().isEmpty()) {
                out.append("<div class=\"table-wrap\"><table><caption class=\"sr\">Rules of source ")
                        .append(Html.escape(s.source())).append("</caption><thead><tr><th scope=\"col\">Rule</th>")
                        .append("<th scope=\"col\">Kind</th><th scope=\"col\" class=\"num\">Changed</th>")
                        .append("<th scope=\"col\" class=\"num\">Quarantined</th><th scope=\"col\" class=\"num\">Merged</th>")
                        .append("<th scope=\"col\" class=\"num\">Flagged</th></tr></thead><tbody>");
                for (String[] r : s.rules()) {
                    out.append("<tr><th scope=\"row\">").append(Html.escape(r[0])).append("</th><td>").append(Html.escape(r[1]))
                            .append("</td>");
                    for (int i = 2; i < 6; i++) {
                        out.append("<td class=\"num\">").append(count(Long.parseLong(r[i]))).append("</td>");
                    }
                    out.append("</tr>");
                }
                out.append("</tbody></table></div>");
            }
        }
        if (m.quality.sources().isEmpty()) {
            out.append("<p class=\"muted\">No source account in the results.</p>");
        }
    }

    private void compositeTable(ReportModel.Composite comp) {
        numbers("Scores of " + comp.name() + " in " + comp.period());
        out.append("<thead><tr><th scope=\"col\">Rank</th><th scope=\"col\">Entity</th><th scope=\"col\">Score</th>")
                .append("<th scope=\"col\">Status</th><th scope=\"col\">Coverage</th></tr></thead><tbody>");
        for (ReportModel.Composite.Row r : comp.rows()) {
            out.append("<tr><td>").append(r.rank() > 0 ? Integer.toString(r.rank()) : "\u2013").append("</td><th scope=\"row\">")
                    .append(Html.escape(r.entity())).append("</th><td>")
                    .append(Double.isFinite(r.score()) ? String.format(m.locale, "%.1f", r.score()) : "\u2013")
                    .append("</td><td>").append(Html.escape(r.status())).append("</td><td>")
                    .append(String.format(m.locale, "%.0f%%", r.coverage() * 100)).append("</td></tr>");
        }
        out.append("</tbody>");
        endNumbers();
    }

    private void feeds() {
        out.append("<dl class=\"feeds\">");
        for (Map.Entry<String, String> e : m.feeds.entrySet()) {
            out.append("<div><dt>").append(Html.escape(e.getKey())).append("</dt><dd>").append(Html.escape(e.getValue()))
                    .append("</dd></div>");
        }
        out.append("</dl>");
        for (String n : m.notes) {
            out.append("<p class=\"muted small\">").append(Html.escape(n)).append("</p>");
        }
    }

    // ---- one KPI ---------------------------------------------------------------------------------------------

    private void detail(KpiModel k) {
        Line h = k.headline();
        out.append("<section class=\"view detail\" id=\"").append(k.anchor()).append("\" hidden>")
                .append("<p class=\"back\"><a href=\"#").append(m.views.get(0).id()).append("\" data-back>\u2190 Back</a></p>")
                .append("<div class=\"detail-head\"><div><p class=\"eyebrow\">").append(k.isCore() ? "Core KPI" : "KPI")
                .append(" \u00b7 ").append(Html.escape(k.metric.id())).append("</p><h2>").append(Html.escape(k.name))
                .append("</h2>");
        k.md.description().ifPresent(d -> out.append("<p class=\"muted\">").append(Html.escape(d)).append("</p>"));
        out.append("</div>");
        if (h != null) {
            out.append("<div class=\"detail-now\"><div class=\"tile-value\">").append(Html.escape(k.style.format(h.value[c])))
                    .append("</div>");
            pill(h.status[c]);
            out.append("<dl class=\"facts\">");
            fact("Target", vsTarget(k, h));
            fact(c > 0 ? "vs " + Html.escape(m.period(c - 1)) : "vs before", change(k, h.changePercent(c)));
            out.append("</dl></div>");
        }
        out.append("</div><div class=\"grid\">");
        out.append("<article class=\"card span2\"><h3>Trend against target</h3>");
        if (h != null) {
            String id = chart("trend" + k.index, () -> Charts.trend(k, List.of(h), periods(), true));
            chartDiv(id, "h-l", "Trend of " + k.name + " against its target and baseline");
            trendTable(k, List.of(h), "Trend of " + k.name);
            if (k.totalNote != null) {
                out.append("<p class=\"muted small\">Total: ").append(Html.escape(k.totalNote)).append(".</p>");
            }
        } else {
            out.append("<p class=\"muted\">No total: ").append(Html.escape(k.totalNote.replaceFirst("^no total: ", "")))
                    .append(". The segments are below.</p>");
        }
        if (k.segments.size() > 1) {
            out.append("<h3 class=\"sub-title\">By ").append(Html.escape(String.join(" \u00b7 ", k.dimensions)))
                    .append("</h3>");
            String id = chart(Charts.trend(k, top(k), periods(), true));
            chartDiv(id, "h-l", "Trend of " + k.name + " by segment");
            trendTable(k, k.segments, "Trend of " + k.name + " by segment");
        }
        out.append("</article><article class=\"card\"><h3>Definition</h3>");
        definition(k);
        out.append("</article><article class=\"card\"><h3>Progress</h3>");
        gauge(k);
        out.append("</article>");
        if (k.segments.size() > 1) {
            comparison(k);
            out.append("<article class=\"card span2\"><h3>Achievement by segment and period</h3>");
            String hid = chart(Charts.heat(k, top(k), periods()));
            chartDiv(hid, "h-heat", "Achievement of " + k.name + " by segment and period", top(k).size());
            heatTable(k, k.segments);
            out.append("</article>");
        }
        out.append("<article class=\"card\"><h3>Alerts <span class=\"count\">").append(k.alerts.size())
                .append("</span></h3>");
        alertList(k.alerts, Integer.MAX_VALUE);
        out.append("</article></div></section>");
    }

    private void definition(KpiModel k) {
        out.append("<dl class=\"definition\">");
        def("Formula", k.formula);
        def("Source", k.sources.isEmpty() ? "none" : String.join(", ", k.sources));
        def("Owner", k.md.owner().orElse("none"));
        def("Unit", k.md.unit().map(Object::toString).orElse(k.style.kind().name().toLowerCase(Locale.ROOT)));
        def("Direction", k.md.direction().map(d -> d.name().toLowerCase(Locale.ROOT).replace('_', ' ')).orElse("none"));
        List<String> targets = new ArrayList<>();
        k.md.targets().shortTermTarget().ifPresent(t -> targets.add("short-term " + target(k, t)));
        k.md.targets().longTermTarget().ifPresent(t -> targets.add("long-term " + target(k, t)));
        k.md.targets().stretchTarget().ifPresent(t -> targets.add("stretch " + target(k, t)));
        k.md.targetBand().ifPresent(b -> targets.add("band " + k.style.format(b.low().doubleValue()) + " to "
                + k.style.format(b.high().doubleValue())));
        def("Targets", targets.isEmpty() ? "none" : String.join("; ", targets));
        k.md.baseline().ifPresent(b -> def("Baseline", baseline(k, b)));
        k.md.reviewCycle().ifPresent(r -> def("Review", r.name().toLowerCase(Locale.ROOT)));
        k.md.tier().ifPresent(t -> def("Tier", t.name().toLowerCase(Locale.ROOT)));
        if (!k.md.leadingIndicators().isEmpty()) {
            def("Leading indicators", String.join(", ", k.md.leadingIndicators()));
        }
        List<MetricVersion> versions = k.md.versions();
        if (!versions.isEmpty()) {
            MetricVersion v = versions.get(versions.size() - 1);
            def("Last change", "v" + v.version() + ", " + v.effective()
                    + (v.reason() == null || v.reason().isBlank() ? "" : ": " + v.reason()));
        } else {
            def("Last change", "none recorded");
        }
        out.append("</dl>");
    }

    private void def(String term, String value) {
        out.append("<div><dt>").append(term).append("</dt><dd>").append(Html.escape(value)).append("</dd></div>");
    }

    private static String target(KpiModel k, Target t) {
        return k.style.format(t.value().doubleValue()) + t.due().map(d -> " by " + d).orElse("");
    }

    private static String baseline(KpiModel k, Baseline b) {
        return switch (b.method()) {
            case TRAILING -> "trailing mean of " + b.length() + " periods";
            case SEASONALLY_ADJUSTED -> "the same period of the last " + b.length() + " years";
            default -> "fixed " + b.value().map(v -> k.style.format(v.doubleValue())).orElse("") 
                    + b.asOf().map(d -> " as of " + d).orElse("");
        };
    }

    // ---- tables of chart numbers -----------------------------------------------------------------------------

    private void numbers(String caption) {
        out.append("<details class=\"numbers\"><summary>Numbers</summary><div class=\"table-wrap\"><table><caption>")
                .append(Html.escape(caption)).append("</caption>");
    }

    private void endNumbers() {
        out.append("</table></div></details>");
    }

    /** Periods down, lines across; for a single line also its target and baseline. */
    private void trendTable(KpiModel k, List<Line> lines, String caption) {
        numbers(caption);
        boolean single = lines.size() == 1;
        Line main = lines.get(0);
        boolean target = single && Line.anyFinite(main.target);
        boolean baseline = single && Line.anyFinite(main.baseline);
        out.append("<thead><tr><th scope=\"col\">Period</th>");
        for (Line l : lines) {
            out.append("<th scope=\"col\" class=\"num\">").append(Html.escape(single ? "Value" : l.label)).append("</th>");
        }
        if (single) {
            out.append("<th scope=\"col\">Status</th>");
        }
        if (target) {
            out.append("<th scope=\"col\" class=\"num\">Target</th>");
        }
        if (baseline) {
            out.append("<th scope=\"col\" class=\"num\">Baseline</th>");
        }
        out.append("</tr></thead><tbody>");
        for (int i = 0; i < m.periods.size(); i++) {
            out.append("<tr><th scope=\"row\">").append(Html.escape(m.period(i))).append("</th>");
            for (Line l : lines) {
                cell(k, l, i);
            }
            if (single) {
                out.append("<td>").append(main.status[i].label()).append("</td>");
            }
            if (target) {
                out.append("<td>").append(Html.escape(k.style.format(main.target[i]))).append("</td>");
            }
            if (baseline) {
                out.append("<td>").append(Html.escape(k.style.format(main.baseline[i]))).append("</td>");
            }
            out.append("</tr>");
        }
        out.append("</tbody>");
        endNumbers();
    }

    private void cell(KpiModel k, Line l, int i) {
        if (Double.isFinite(l.value[i])) {
            out.append("<td>").append(Html.escape(k.style.format(l.value[i]))).append("</td>");
        } else {
            out.append("<td title=\"").append(Html.escape(l.reason[i])).append("\">\u2013</td>");
        }
    }

    private void segmentTable(KpiModel k, String caption) {
        numbers(caption);
        double total = 0;
        for (Line l : k.segments) {
            total += Double.isFinite(l.value[c]) ? l.value[c] : 0;
        }
        out.append("<thead><tr><th scope=\"col\">Segment</th><th scope=\"col\" class=\"num\">Value</th>");
        if (k.additive) {
            out.append("<th scope=\"col\" class=\"num\">Share</th>");
        }
        out.append("<th scope=\"col\" class=\"num\">Target</th><th scope=\"col\" class=\"num\">Achievement</th>")
                .append("<th scope=\"col\">Status</th></tr></thead><tbody>");
        for (Line l : k.segments) {
            out.append("<tr><th scope=\"row\">").append(Html.escape(l.label)).append("</th>");
            cell(k, l, c);
            if (k.additive) {
                out.append("<td>").append(Html.escape(total > 0 && Double.isFinite(l.value[c])
                        ? k.style.achievement(l.value[c] / total * 100) : "\u2013")).append("</td>");
            }
            out.append("<td>").append(Html.escape(target(k, l, c))).append("</td><td>")
                    .append(Html.escape(k.style.achievement(l.achievement[c]))).append("</td><td>")
                    .append(l.status[c].icon()).append(' ').append(l.status[c].label()).append("</td></tr>");
        }
        out.append("</tbody>");
        endNumbers();
    }

    private void heatTable(KpiModel k, List<Line> lines) {
        boolean achievement = false;
        for (Line l : lines) {
            achievement |= Line.anyFinite(l.achievement);
        }
        numbers((achievement ? "Achievement in percent of target" : "Values") + " of " + k.name
                + " by segment and period");
        out.append("<thead><tr><th scope=\"col\">Period</th>");
        for (Line l : lines) {
            out.append("<th scope=\"col\" class=\"num\">").append(Html.escape(l.label)).append("</th>");
        }
        out.append("</tr></thead><tbody>");
        for (int i = 0; i < m.periods.size(); i++) {
            out.append("<tr><th scope=\"row\">").append(Html.escape(m.period(i))).append("</th>");
            for (Line l : lines) {
                if (achievement) {
                    out.append("<td>").append(Html.escape(k.style.achievement(l.achievement[i])))
                            .append("</td>");
                } else {
                    cell(k, l, i);
                }
            }
            out.append("</tr>");
        }
        out.append("</tbody>");
        endNumbers();
    }

    private void achievementTable(List<KpiModel> kpis, String caption) {
        numbers(caption);
        out.append("<thead><tr><th scope=\"col\">Period</th>");
        for (KpiModel k : kpis) {
            out.append("<th scope=\"col\" class=\"num\">").append(Html.escape(k.name)).append("</th>");
        }
        out.append("</tr></thead><tbody>");
        for (int i = 0; i < m.periods.size(); i++) {
            out.append("<tr><th scope=\"row\">").append(Html.escape(m.period(i))).append("</th>");
            for (KpiModel k : kpis) {
                out.append("<td>").append(Html.escape(k.style.achievement(k.headline().achievement[i])))
                        .append("</td>");
            }
            out.append("</tr>");
        }
        out.append("</tbody>");
        endNumbers();
    }

    private List<String> periods() {
        List<String> p = new ArrayList<>(m.periods.size());
        for (int i = 0; i < m.periods.size(); i++) {
            p.add(m.period(i));
        }
        return p;
    }
}
