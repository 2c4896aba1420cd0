package io.kpiengine.report.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ECharts options of the report's charts, built as data (maps and lists written as JSON by {@link Json}), never
 * as JavaScript text. Where a chart needs a function (number formats in the locale, tooltips of a heat map), the
 * option holds the name of one of the page script's formatters, a string starting with {@code $}: {@code $fmt}
 * (the unit's full format), {@code $fmtc} (compact, for axes), {@code $pct} (an achievement), {@code $bar} (icon
 * and value of a bar), {@code $heat} (segment, period and achievement), {@code $gauge} (the centre text of a
 * gauge). The script replaces them before it hands the option to ECharts.
 *
 * <p>Colours: segments take the Okabe-Ito palette in an order that keeps the hard-to-see yellow last, each with its
 * own marker shape; the target is a dashed black line, the baseline band a grey area; statuses have their own
 * colours (see {@link Status}) and always a symbol too. The achievement heat map runs from vermillion (80 % and
 * below) through light grey (100 %) to blue (120 % and above), a diverging scale that stays readable with red-green
 * colour blindness.
 */
final class Charts {

    /** The segment colours: Okabe-Ito, yellow last. */
    static final String[] PALETTE = {"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000",
        "#C9B400"};
    private static final String[] SYMBOLS = {"circle", "rect", "triangle", "diamond", "roundRect", "pin", "arrow",
        "emptyCircle"};
    /** The most segments drawn in one chart; the rest are in its table. */
    static final int MAX_SERIES = 8;

    private Charts() {
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Map<String, Object> spec(String kind, KpiModel k, Map<String, Object> option) {
        return map("kind", kind, "fmt", k.style.intl(), "option", option);
    }

    /** The values of a line as chart data, rounded to what the page shows of them ({@link NumberStyle#round}). */
    private static double[] values(KpiModel k, double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = k.style.round(v[i]);
        }
        return out;
    }

    private static Map<String, Object> timeAxis(List<String> periods) {
        return map("type", "category", "data", periods, "boundaryGap", false,
                "axisLabel", map("hideOverlap", true), "axisTick", map("alignWithLabel", true));
    }

    private static Map<String, Object> valueAxis() {
        return map("type", "value", "scale", true, "axisLabel", map("formatter", "$fmtc"),
                "splitLine", map("lineStyle", map("color", "#E5E7EB")));
    }

    /**
     * A trend: the lines given (the first drawn thickest), the target of the first, its baseline band, markers
     * where alerts opened and where the definition changed.
     */
    static Map<String, Object> trend(KpiModel k, List<Line> lines, List<String> periods, boolean legend) {
        List<Object> series = new ArrayList<>();
        Line main = lines.get(0);
        boolean headline = lines.size() == 1 || main.total;
        for (int s = 0; s < lines.size(); s++) {
            Line l = lines.get(s);
            boolean first = s == 0 && headline;
            String colour = lines.size() == 1 ? "#0072B2" : first ? "#1F2937"
                    : PALETTE[(s - (headline ? 1 : 0)) % PALETTE.length];
            Map<String, Object> line = map("name", l.label, "type", "line", "data", values(k, l.value),
                    "symbol", SYMBOLS[s % SYMBOLS.length], "symbolSize", first ? 6 : 4, "connectNulls", false,
                    "color", colour, "lineStyle", map("width", first ? 3 : 1.5), "z", first ? 5 : 3);
            if (first) {
                List<Object> points = new ArrayList<>();
                for (AlertItem a : k.alerts) {
                    if (a.segment().equals(l.label) && Double.isFinite(l.value[a.period()])) {
                        points.add(map("coord", List.of(a.period(), l.value[a.period()]), "value", "!",
                                "itemStyle", map("color", a.rank() == 0 ? Status.OFF_TRACK.colour()
                                        : Status.AT_RISK.colour())));
                    }
                }
                // earlier runs of at least two off-track periods, where they began: the six most recent
                List<Object> runs = new ArrayList<>();
                for (int i = 0; i + 1 < l.status.length - 1; i++) {
                    if (l.status[i] == Status.OFF_TRACK && l.status[i + 1] == Status.OFF_TRACK
                            && (i == 0 || l.status[i - 1] != Status.OFF_TRACK) && Double.isFinite(l.value[i])) {
                        runs.add(map("coord", List.of(i, l.value[i]), "value", "!",
                                "itemStyle", map("color", Status.OFF_TRACK.colour())));
                    }
                }
                points.addAll(runs.subList(Math.max(0, runs.size() - 6), runs.size()));
                if (!points.isEmpty()) {
                    line.put("markPoint", map("symbol", "pin", "symbolSize", 30, "data", points,
                            "label", map("color", "#fff", "fontWeight", "bold")));
                }
                List<Object> changes = new ArrayList<>();
                for (KpiModel.Marker m : k.changes) {
                    changes.add(map("xAxis", m.period(), "name", m.text(), "label", map("formatter", beforeColon(m.text()),
                            "position", "end", "color", "#6B7280", "fontSize", 10)));
                }
                if (!changes.isEmpty()) {
                    line.put("markLine", map("symbol", "none", "silent", true, "data", changes,
                            "lineStyle", map("type", "dotted", "color", "#6B7280", "width", 1.5)));
                }
            }
            series.add(line);
        }
        if (Line.anyFinite(main.target)) {
            series.add(map("name", "Target", "type", "line", "data", values(k, main.target), "symbol", "none",
                    "color", "#111827", "lineStyle", map("type", "dashed", "width", 1.5), "z", 4));
        }
        if (Line.anyFinite(main.bandLow)) {
            series.add(map("name", "Target band", "type", "line", "data", values(k, main.bandLow), "symbol", "none",
                    "color", "#111827", "lineStyle", map("type", "dashed", "width", 1), "z", 4));
            series.add(map("name", "Target band high", "type", "line", "data", values(k, main.bandHigh),
                    "symbol", "none", "color", "#111827", "lineStyle", map("type", "dashed", "width", 1), "z", 4));
        }
        if (headline && Line.anyFinite(main.baselineLow)) {
            double[] width = new double[main.baseline.length];
            for (int i = 0; i < width.length; i++) {
                width[i] = main.baselineHigh[i] - main.baselineLow[i];
            }
            series.add(map("name", "Baseline band", "type", "line", "data", values(k, main.baselineLow),
                    "stack", "band", "symbol", "none", "lineStyle", map("opacity", 0), "color", "#9CA3AF",
                    "tooltip", map("show", false), "silent", true));
            series.add(map("name", "Baseline band", "type", "line", "data", values(k, width), "stack", "band",
                    "symbol", "none", "lineStyle", map("opacity", 0), "color", "#9CA3AF",
                    "areaStyle", map("color", "#9CA3AF", "opacity", 0.22), "tooltip", map("show", false),
                    "silent", true));
        }
        if (headline && Line.anyFinite(main.baseline)) {
            series.add(map("name", "Baseline", "type", "line", "data", values(k, main.baseline), "symbol", "none",
                    "color", "#6B7280", "lineStyle", map("type", "dotted", "width", 1.5), "z", 2));
        }
        Map<String, Object> option = map(
                "animation", false,
                "grid", map("left", 8, "right", 16, "top", legend ? 40 : 16, "bottom", 8, "containLabel", true),
                "tooltip", map("trigger", "axis", "valueFormatter", "$fmt"),
                "xAxis", timeAxis(periods),
                "yAxis", valueAxis(),
                "series", series);
        if (legend) {
            option.put("legend", map("type", "scroll", "top", 0, "icon", "roundRect", "itemWidth", 14,
                    "itemHeight", 8, "textStyle", map("fontSize", 11)));
        }
        return spec("trend", k, option);
    }

    /** Bars of the current period by segment, labelled with the status symbol and value, with the target line. */
    static Map<String, Object> bars(KpiModel k, List<Line> lines, int c) {
        List<Object> names = new ArrayList<>();
        List<Object> data = new ArrayList<>();
        for (Line l : lines) {
            names.add(l.label);
            Status s = l.status[c];
            data.add(map("value", Double.isFinite(l.value[c]) ? k.style.round(l.value[c]) : null, "icon", s.icon(),
                    "itemStyle", map("color", s.isJudgement() ? s.colour() : "#56B4E9", "borderRadius", List.of(3, 3, 0, 0))));
        }
        Map<String, Object> bar = map("type", "bar", "name", k.name, "data", data, "barMaxWidth", 42,
                "label", map("show", true, "position", "top", "formatter", "$bar", "fontSize", 11, "color", "#374151"));
        Line main = lines.get(0);
        if (Double.isFinite(main.target[c])) {
            bar.put("markLine", map("symbol", "none", "silent", true,
                    "data", List.of(map("yAxis", k.style.round(main.target[c]), "name", "Target")),
                    "label", map("show", false),
                    "lineStyle", map("type", "dashed", "color", "#111827", "width", 1.5)));
        }
        Map<String, Object> option = map(
                "animation", false,
                "grid", map("left", 8, "right", 16, "top", 28, "bottom", 8, "containLabel", true),
                "tooltip", map("trigger", "item", "valueFormatter", "$fmt"),
                "xAxis", map("type", "category", "data", names,
                        "axisLabel", map("interval", 0, "rotate", names.size() > 5 ? 30 : 0, "width", 90,
                                "overflow", "truncate")),
                "yAxis", map("type", "value", "axisLabel", map("formatter", "$fmtc"),
                        "splitLine", map("lineStyle", map("color", "#E5E7EB"))),
                "series", List.of(bar));
        return spec("bars", k, option);
    }

    /** The segments' shares of the total in the current period, as a donut. */
    static Map<String, Object> donut(KpiModel k, List<Line> lines, int c) {
        List<Object> data = new ArrayList<>();
        int s = 0;
        for (Line l : lines) {
            if (Double.isFinite(l.value[c]) && l.value[c] > 0) {
                data.add(map("name", l.label, "value", k.style.round(l.value[c]),
                        "itemStyle", map("color", PALETTE[s % PALETTE.length])));
            }
            s++;
        }
        Map<String, Object> pie = map("type", "pie", "name", k.name, "radius", List.of("48%", "74%"),
                "center", List.of("50%", "54%"), "data", data, "avoidLabelOverlap", true,
                "itemStyle", map("borderColor", "#fff", "borderWidth", 2),
                "label", map("formatter", "{b} {d}%", "fontSize", 11, "color", "#374151"),
                "labelLine", map("length", 8, "length2", 6));
        Map<String, Object> option = map("animation", false,
                "tooltip", map("trigger", "item", "valueFormatter", "$fmt"),
                "series", List.of(pie));
        return spec("donut", k, option);
    }

    /**
     * Achievement by segment and period (or, for a KPI without target, the values themselves on a sequential
     * scale).
     */
    static Map<String, Object> heat(KpiModel k, List<Line> lines, List<String> periods) {
        boolean achievement = false;
        for (Line l : lines) {
            achievement |= Line.anyFinite(l.achievement);
        }
        List<Object> data = new ArrayList<>();
        List<Object> names = new ArrayList<>();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int y = 0; y < lines.size(); y++) {
            Line l = lines.get(y);
            names.add(l.label);
            double[] v = achievement ? l.achievement : l.value;
            for (int x = 0; x < v.length; x++) {
                if (Double.isFinite(v[x])) {
                    data.add(List.of(x, y, achievement ? tenth(v[x]) : k.style.round(v[x])));
                    min = Math.min(min, v[x]);
                    max = Math.max(max, v[x]);
                } else {
                    data.add(java.util.Arrays.asList(x, y, null));
                }
            }
        }
        Map<String, Object> visual = achievement
                ? map("min", 80, "max", 120, "calculable", false, "orient", "horizontal", "left", "center",
                        "bottom", 0, "itemHeight", 120, "text", List.of("120 %", "80 %"),
                        "inRange", map("color", List.of("#D55E00", "#F3F4F6", "#0072B2")))
                : map("min", Double.isFinite(min) ? min : 0, "max", Double.isFinite(max) ? max : 1,
                        "calculable", false, "orient", "horizontal", "left", "center", "bottom", 0,
                        "itemHeight", 120, "inRange", map("color", List.of("#F3F4F6", "#0072B2")),
                        "formatter", "$fmtc");
        Map<String, Object> option = map(
                "animation", false,
                "grid", map("left", 8, "right", 16, "top", 8, "bottom", 44, "containLabel", true),
                "tooltip", map("trigger", "item", "formatter", achievement ? "$heat" : "$heatValue"),
                "xAxis", map("type", "category", "data", periods, "splitArea", map("show", false),
                        "axisLabel", map("hideOverlap", true)),
                "yAxis", map("type", "category", "data", names, "inverse", true,
                        "axisLabel", map("width", 110, "overflow", "truncate")),
                "visualMap", visual,
                "series", List.of(map("type", "heatmap", "name", k.name, "data", data,
                        "itemStyle", map("borderColor", "#fff", "borderWidth", 1),
                        "emphasis", map("itemStyle", map("borderColor", "#111827", "borderWidth", 1)))));
        return spec(achievement ? "heat" : "heat-values", k, option);
    }

    /** Achievement of the headline as a gauge, with pace to a horizon target as an inner ring. */
    static Map<String, Object> gauge(KpiModel k, Line h, int c) {
        double a = h.achievement[c];
        List<Object> series = new ArrayList<>();
        Status s = h.status[c];
        series.add(map("type", "gauge", "name", "Achievement", "min", 0, "max", 150, "splitNumber", 3,
                "radius", "92%", "center", List.of("50%", "58%"), "startAngle", 210, "endAngle", -30,
                "progress", map("show", true, "width", 14, "itemStyle", map("color", s.isJudgement() ? s.colour()
                        : "#56B4E9")),
                "axisLine", map("lineStyle", map("width", 14, "color", List.of(List.of(1, "#E5E7EB")))),
                "pointer", map("show", false), "axisTick", map("show", false),
                "splitLine", map("length", 6, "distance", -14, "lineStyle", map("color", "#fff", "width", 2)),
                "axisLabel", map("show", false),
                "anchor", map("show", false),
                "title", map("show", false),
                "detail", map("valueAnimation", false, "offsetCenter", List.of(0, "-4%"), "fontSize", 20,
                        "fontWeight", 600, "formatter", "$gauge", "color", "#111827"),
                "data", List.of(map("value", Double.isFinite(a) ? tenth(Math.min(150, Math.max(0, a))) : null,
                        "name", "Achievement", "raw", Double.isFinite(a) ? tenth(a) : null))));
        if (k.pace != null && Double.isFinite(k.pace.percent())) {
            series.add(map("type", "gauge", "name", "Pace", "min", 0, "max", 150, "radius", "68%",
                    "center", List.of("50%", "58%"), "startAngle", 210, "endAngle", -30,
                    "progress", map("show", true, "width", 6, "itemStyle", map("color", "#56B4E9")),
                    "axisLine", map("lineStyle", map("width", 6, "color", List.of(List.of(1, "#F3F4F6")))),
                    "pointer", map("show", false), "axisTick", map("show", false), "splitLine", map("show", false),
                    "axisLabel", map("show", false), "anchor", map("show", false), "title", map("show", false),
                    "detail", map("offsetCenter", List.of(0, "28%"), "fontSize", 11, "color", "#374151",
                            "formatter", "$pace"),
                    "data", List.of(map("value", tenth(Math.min(150, Math.max(0, k.pace.percent()))), "name", "Pace",
                            "raw", tenth(k.pace.percent())))));
        }
        return spec("gauge", k, map("animation", false, "series", series));
    }

    /** A goal tree's entities ranked by their root score in the current period, best on top. */
    static Map<String, Object> ranking(ReportModel.Composite c) {
        List<Object> names = new ArrayList<>();
        List<Object> data = new ArrayList<>();
        for (ReportModel.Composite.Row r : c.rows()) {
            if (Double.isFinite(r.score())) {
                names.add(r.entity());
                data.add(tenth(r.score()));
            }
        }
        Map<String, Object> option = map(
                "animation", false,
                "grid", map("left", 8, "right", 40, "top", 8, "bottom", 8, "containLabel", true),
                "tooltip", map("trigger", "item", "valueFormatter", "$fmt"),
                "xAxis", map("type", "value", "splitLine", map("lineStyle", map("color", "#E5E7EB"))),
                "yAxis", map("type", "category", "data", names, "inverse", true,
                        "axisLabel", map("width", 110, "overflow", "truncate")),
                "series", List.of(map("type", "bar", "name", c.name(), "data", data, "barMaxWidth", 18,
                        "itemStyle", map("color", "#0072B2", "borderRadius", List.of(0, 3, 3, 0)),
                        "label", map("show", true, "position", "right", "formatter", "$val", "fontSize", 11))));
        return map("kind", "ranking", "fmt", map("maximumFractionDigits", 1), "option", option);
    }

    /**
     * The root score of a goal tree over the time axis, a line per entity: the {@value #MAX_SERIES} best ranked of
     * the current period (the others are in the table), with the status bands' thresholds as none (they differ by
     * tree); a period without a score is a gap.
     */
    static Map<String, Object> scoreTrend(ReportModel.Composite c, List<String> periods) {
        List<Object> series = new ArrayList<>();
        int s = 0;
        for (ReportModel.Composite.Row r : c.rows()) {
            if (!Double.isFinite(r.score()) || s == MAX_SERIES) {
                continue;
            }
            double[] data = new double[r.history().length];
            for (int i = 0; i < data.length; i++) {
                data[i] = tenth(r.history()[i]);
            }
            series.add(map("name", r.entity(), "type", "line", "data", data, "symbol", SYMBOLS[s % SYMBOLS.length],
                    "symbolSize", 4, "connectNulls", false, "color", PALETTE[s % PALETTE.length],
                    "lineStyle", map("width", 1.5)));
            s++;
        }
        Map<String, Object> option = map(
                "animation", false,
                "grid", map("left", 8, "right", 16, "top", 40, "bottom", 8, "containLabel", true),
                "tooltip", map("trigger", "axis", "valueFormatter", "$fmt"),
                "legend", map("type", "scroll", "top", 0, "icon", "roundRect", "itemWidth", 14, "itemHeight", 8,
                        "textStyle", map("fontSize", 11)),
                "xAxis", timeAxis(periods),
                "yAxis", map("type", "value", "scale", true, "axisLabel", map("formatter", "$fmt"),
                        "splitLine", map("lineStyle", map("color", "#E5E7EB"))),
                "series", series);
        return map("kind", "scoreTrend", "fmt", map("maximumFractionDigits", 1), "option", option);
    }

    /** A percentage to one decimal, as the page writes it. */
    static double tenth(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** The text before the first colon (all of it when there is none): a change marker's short label. */
    private static String beforeColon(String text) {
        int colon = text.indexOf(':');
        return colon < 0 ? text : text.substring(0, colon);
    }
}
