package io.kpiengine.cli;

import io.kpiengine.analysis.EarlyWarning;
import io.kpiengine.analysis.Figure;
import io.kpiengine.analysis.LeadLagAnalysis;
import io.kpiengine.analysis.MissingPolicy;
import io.kpiengine.base.KpiException;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.analyze.LeadLagQuery;
import io.kpiengine.core.analyze.MetricSeries;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.Metric;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * {@code kpi analyze --lead-lag LEADING:LAGGING}: whether one KPI moves before another, by how many periods and how
 * strongly, per pair of their series ({@code results.leadLag}: cross-correlation with pre-whitening, Granger
 * test, lagged regression and its early warning; docs/analysis.md).
 */
final class LeadLagPairs {

    /** One pair of series: its analysis, or why there is none. */
    record Entry(String leading, Map<String, String> leadingSegment, String lagging, Map<String, String> laggingSegment,
            @Nullable LeadLagAnalysis analysis, @Nullable String reason) {
    }

    private LeadLagPairs() {
    }

    /**
     * Parses the {@code LEADING:LAGGING} options, before anything is computed.
     *
     * @return per option, the leading and the lagging metric
     * @throws IllegalArgumentException if an option is not two metrics of the catalog, naming those it has
     */
    static List<String[]> parse(List<String> options, Catalog catalog) {
        List<String> ids = catalog.metrics().stream().map(Metric::id).toList();
        List<String[]> out = new ArrayList<>();
        for (String text : options) {
            String[] p = text.split(":", -1);
            if (p.length != 2 || p[0].isBlank() || p[1].isBlank()) {
                throw new IllegalArgumentException("--lead-lag must be LEADING:LAGGING, two metrics, e.g. --lead-lag"
                        + " visitors:revenue, but was '" + text + "'");
            }
            for (String m : p) {
                if (!ids.contains(m.strip())) {
                    throw new IllegalArgumentException("--lead-lag " + text + ": '" + m.strip() + "' is not a metric"
                            + " of the catalog, which are " + ids);
                }
            }
            out.add(new String[] {p[0].strip(), p[1].strip()});
        }
        return out;
    }

    /**
     * Every pair of series of the two metrics that pair ({@link MetricSeries#pairs}: segments that agree on their
     * common dimensions, as for the leading-indicator points).
     */
    static List<Entry> run(KpiResults results, List<String[]> pairs, int maxLag, boolean interpolate) {
        List<Entry> out = new ArrayList<>();
        for (String[] p : pairs) {
            List<MetricSeries.Pair> series;
            try {
                series = MetricSeries.pairs(results, p[0], p[1]);
            } catch (IllegalArgumentException e) {
                out.add(new Entry(p[0], Map.of(), p[1], Map.of(), null, e.getMessage()));
                continue;
            }
            for (MetricSeries.Pair s : series) {
                try {
                    LeadLagQuery q = results.leadLag(p[0], p[1]).leadingSegment(s.leading())
                            .laggingSegment(s.lagging()).maxLag(maxLag);
                    if (interpolate) {
                        q.missing(MissingPolicy.INTERPOLATE);
                    }
                    out.add(new Entry(p[0], s.leading(), p[1], s.lagging(), q.run(), null));
                } catch (KpiException | IllegalArgumentException e) {
                    out.add(new Entry(p[0], s.leading(), p[1], s.lagging(), null, e.getMessage()));
                }
            }
        }
        return out;
    }

    /** One line for the console: who leads whom by how much, or why not. */
    static String line(Entry e, String unit) {
        String who = e.leading() + (e.leadingSegment().isEmpty() ? "" : " " + e.leadingSegment()) + " -> "
                + e.lagging() + (e.laggingSegment().isEmpty() ? "" : " " + e.laggingSegment());
        LeadLagAnalysis a = e.analysis();
        if (a == null) {
            return who + ": not analysed: " + e.reason();
        }
        OptionalInt lead = a.lead();
        if (lead.isEmpty()) {
            return who + ": no significant lead within " + a.crossCorrelation().maxLag() + " " + unit + "s"
                    + a.crossCorrelation().reason().map(r -> " (" + r + ")").orElse("");
        }
        return who + ": leads by " + lead.getAsInt() + " " + unit + (lead.getAsInt() == 1 ? "" : "s")
                + a.earlyWarning(unit).map(w -> "; " + w.sentence()).orElse("");
    }

    /** The entries as a JSON array. */
    static String json(List<Entry> entries, String unit) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            sb.append(i == 0 ? "\n" : ",\n").append("    {\"leading\": ").append(ResultsFormat.str(e.leading()))
                    .append(", \"leadingSegment\": ").append(segment(e.leadingSegment()))
                    .append(", \"lagging\": ").append(ResultsFormat.str(e.lagging()))
                    .append(", \"laggingSegment\": ").append(segment(e.laggingSegment()));
            LeadLagAnalysis a = e.analysis();
            OptionalInt lead = a == null ? OptionalInt.empty() : a.lead();
            sb.append(", \"lead\": ").append(lead.isPresent() ? Integer.toString(lead.getAsInt()) : "null")
                    .append(", \"correlation\": ").append(lead.isPresent() && a != null
                            ? figure(a.crossCorrelation().correlation(lead.getAsInt())) : "null")
                    .append(", \"band\": ").append(a == null ? "null" : ResultsFormat.number(a.crossCorrelation().band()))
                    .append(", \"observations\": ").append(a == null ? "null"
                            : Integer.toString(a.crossCorrelation().observations()))
                    .append(", \"grangerP\": ").append(a == null || lead.isEmpty() ? "null"
                            : a.granger().order(Math.min(lead.getAsInt(), a.granger().maxOrder()))
                                    .map(o -> ResultsFormat.number(o.fPValue())).orElse("null"))
                    .append(", \"grangerPMinAdjusted\": ").append(a == null ? "null" : figure(a.granger().pValue()));
            EarlyWarning w = a == null ? null : a.earlyWarning(unit).orElse(null);
            sb.append(",\n     \"earlyWarning\": ").append(ResultsFormat.str(w == null ? null : w.sentence()))
                    .append(", \"reason\": ").append(ResultsFormat.str(e.reason() != null ? e.reason() : a == null
                            ? null : a.regressionReason().orElse(null))).append('}');
        }
        return sb.append(entries.isEmpty() ? "]" : "\n  ]").toString();
    }

    private static String segment(Map<String, String> segment) {
        StringBuilder sb = new StringBuilder("{");
        segment.forEach((k, v) -> sb.append(sb.length() == 1 ? "" : ", ").append(ResultsFormat.str(k)).append(": ")
                .append(ResultsFormat.str(v)));
        return sb.append('}').toString();
    }

    private static String figure(Figure f) {
        return f.isPresent() ? ResultsFormat.number(f.value()) : "null";
    }
}
