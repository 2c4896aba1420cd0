package io.kpiengine.cli;

import io.kpiengine.core.KpiEngine;
import io.kpiengine.core.KpiResult;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.SourceAccount;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.GroupingSets;
import io.kpiengine.core.metric.MetricMetadata;
import io.kpiengine.core.metric.Target;
import io.kpiengine.core.metric.Targets;
import io.kpiengine.core.time.Period;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Writes a result table as JSON or CSV, in the schema documented in {@code docs/results.md}.
 */
final class ResultsFormat {

    /** The version of the output schema: 2 added metric metadata, target status, grouping sets, date values. */
    static final int SCHEMA_VERSION = 2;

    private ResultsFormat() {
    }

    /**
     * Writes the JSON form, a cell at a time: the output never exists as one string, so its size is bounded by the
     * disk, not by the heap.
     */
    static void json(Catalog catalog, KpiEngine engine, KpiResults r, Writer out) throws IOException {
        StringBuilder sb = new StringBuilder(4096);
        sb.append("{\n  \"schemaVersion\": ").append(SCHEMA_VERSION);
        sb.append(",\n  \"catalog\": ").append(str(catalog.name()));
        sb.append(",\n  \"zone\": ").append(str(engine.calendar().zone().getId()));
        sb.append(",\n  \"grain\": ").append(str(engine.grain().id()));
        engine.groupingSets().ifPresent(g -> {
            sb.append(",\n  \"groupingSets\": [");
            for (int i = 0; i < g.sets().size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(strings(g.sets().get(i)));
            }
            sb.append(']');
        });
        sb.append(",\n  \"metrics\": [");
        List<String> ids = r.metrics();
        for (int i = 0; i < ids.size(); i++) {
            sb.append(i == 0 ? "\n    " : ",\n    ").append(metadata(ids.get(i), catalog));
        }
        sb.append(ids.isEmpty() ? "]" : "\n  ]");
        sb.append(",\n  \"quality\": {\n    \"verdict\": ").append(str(r.quality().verdict().name()));
        sb.append(",\n    \"sources\": [");
        List<SourceAccount> sources = r.quality().sources();
        for (int i = 0; i < sources.size(); i++) {
            SourceAccount s = sources.get(i);
            sb.append(i == 0 ? "\n" : ",\n").append("      {\"source\": ").append(str(s.source()))
                    .append(", \"verdict\": ").append(str(s.verdict().name()))
                    .append(", \"rowsAggregated\": ").append(s.rowsAggregated())
                    .append(", \"rowsRejected\": ").append(s.rowsRejected())
                    .append(", \"rowsMerged\": ").append(s.rowsMerged())
                    .append(", \"rowsWithoutPeriod\": ").append(s.rowsWithoutPeriod())
                    .append(", \"findings\": ").append(strings(s.findings())).append('}');
        }
        sb.append(sources.isEmpty() ? "]\n  }" : "\n    ]\n  }");
        sb.append(",\n  \"warnings\": ").append(strings(r.warnings()));
        sb.append(",\n  \"results\": [");
        out.append(sb);
        PeriodTexts periods = new PeriodTexts();
        boolean first = true;
        for (KpiResult x : r.rows()) {
            sb.setLength(0);
            sb.append(first ? "\n" : ",\n");
            first = false;
            sb.append("    {\"metric\": ").append(str(x.metric()))
                    .append(", \"period\": ").append(periods.json(x.period()))
                    .append(", \"status\": ").append(str(x.status().name()))
                    .append(", \"dimensions\": {");
            boolean firstDim = true;
            for (Map.Entry<String, String> d : x.dimensions().entrySet()) {
                sb.append(firstDim ? "" : ", ").append(str(d.getKey())).append(": ").append(str(d.getValue()));
                firstDim = false;
            }
            sb.append("}, \"value\": ").append(!x.value().isPresent() ? "null"
                            : x.value().isNumber() ? x.value().text() : str(x.value().text()))
                    .append(", \"reason\": ").append(x.value().reason().map(why -> str(why.name())).orElse("null"))
                    .append(", \"detail\": ").append(str(x.value().detail().orElse(null)))
                    .append(", \"rows\": ").append(x.rows())
                    .append(", \"targetStatus\": ").append(str(targetStatus(catalog, x))).append('}');
            out.append(sb);
        }
        out.append(first ? "]\n}\n" : "\n  ]\n}\n");
    }

    /** One metric's definition as a JSON object: what a reader of the numbers needs to judge them. */
    private static String metadata(String id, Catalog catalog) {
        StringBuilder sb = new StringBuilder("{\"id\": ").append(str(id));
        MetricMetadata md = catalog.metric(id).map(m -> m.metadata()).orElse(null);
        if (md == null) {
            return sb.append('}').toString();
        }
        sb.append(", \"name\": ").append(str(md.name().orElse(null)))
                .append(", \"description\": ").append(str(md.description().orElse(null)))
                .append(", \"unit\": ").append(str(catalog.unitOf(id).map(Object::toString).orElse(null)))
                .append(", \"owner\": ").append(str(md.owner().orElse(null)))
                .append(", \"direction\": ").append(str(md.direction().map(Enum::name).orElse(null)))
                .append(", \"tier\": ").append(str(md.tier().map(Enum::name).orElse(null)))
                .append(", \"targets\": ");
        Targets t = md.targets();
        if (t.isEmpty()) {
            sb.append("null");
        } else {
            sb.append("{\"shortTerm\": ").append(target(t.shortTerm()))
                    .append(", \"longTerm\": ").append(target(t.longTerm()))
                    .append(", \"stretch\": ").append(target(t.stretch())).append('}');
        }
        sb.append(", \"targetBand\": ").append(md.targetBand().map(b -> "{\"low\": " + b.low().toPlainString()
                + ", \"high\": " + b.high().toPlainString() + "}").orElse("null"));
        return sb.append('}').toString();
    }

    private static String target(@Nullable Target t) {
        if (t == null) {
            return "null";
        }
        return "{\"value\": " + t.value().toPlainString() + ", \"due\": "
                + str(t.due().map(Object::toString).orElse(null)) + "}";
    }

    /** The cell's status against its metric's target, or null when it has no value or its metric no target. */
    static @Nullable String targetStatus(Catalog catalog, KpiResult x) {
        if (!x.value().isPresent() || !x.value().isNumber()) {
            return null;
        }
        return catalog.metric(x.metric()).flatMap(m -> m.metadata().targetStatus(x.value().value()))
                .map(Enum::name).orElse(null);
    }

    /**
     * The CSV table; with {@code metadata} the columns unit, owner, direction, tier, target (the nearest) and
     * targetStatus follow the rows column, and with {@code groupingSets} a groupingSet column follows status.
     * Written a row at a time (see {@link #json}).
     */
    static void csv(KpiResults r, Catalog catalog, boolean metadata, boolean groupingSets, Writer out)
            throws IOException {
        Set<String> dims = new LinkedHashSet<>();
        r.rows().forEach(x -> dims.addAll(x.dimensions().keySet()));
        List<String> header = new ArrayList<>(List.of("metric", "period", "start", "end", "status"));
        if (groupingSets) {
            header.add("groupingSet");
        }
        header.addAll(dims);
        header.addAll(List.of("value", "reason", "detail", "rows"));
        if (metadata) {
            header.addAll(List.of("unit", "owner", "direction", "tier", "target", "targetStatus"));
        }
        StringBuilder sb = new StringBuilder(256);
        PeriodTexts periods = new PeriodTexts();
        for (int i = 0; i < header.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(cell(header.get(i)));
        }
        sb.append("\r\n");
        out.append(sb);
        for (KpiResult x : r.rows()) {
            sb.setLength(0);
            sb.append(cell(x.metric())).append(',').append(periods.csv(x.period())).append(',').append(x.status());
            if (groupingSets) {
                sb.append(',').append(cell(GroupingSets.text(x.groupingSet())));
            }
            for (String d : dims) {
                sb.append(',').append(x.dimensions().containsKey(d) ? cell(x.dimensions().get(d)) : "");
            }
            sb.append(',').append(x.value().text())
                    .append(',').append(x.value().reason().map(Enum::name).orElse(""))
                    .append(',').append(cell(x.value().detail().orElse(null)))
                    .append(',').append(x.rows());
            if (metadata) {
                MetricMetadata md = catalog.metric(x.metric()).map(m -> m.metadata()).orElse(null);
                sb.append(',').append(cell(catalog.unitOf(x.metric()).map(Object::toString).orElse(null)))
                        .append(',').append(cell(md == null ? null : md.owner().orElse(null)))
                        .append(',').append(md == null ? "" : md.direction().map(Enum::name).orElse(""))
                        .append(',').append(md == null ? "" : md.tier().map(Enum::name).orElse(""))
                        .append(',').append(md == null ? "" : md.targets().nearest()
                                .map(t -> t.value().toPlainString()).orElse(""))
                        .append(',').append(Objects.toString(targetStatus(catalog, x), ""));
            }
            sb.append("\r\n");
            out.append(sb);
        }
    }

    /**
     * The texts of each period (name, start and end instants), made once per period: a table repeats every
     * period once per metric and segment, and formatting instants is the costly part of writing a small table.
     */
    private static final class PeriodTexts {
        private final Map<Period, String[]> texts = new HashMap<>();

        private String[] of(Period p) {
            return texts.computeIfAbsent(p, k -> new String[] {k.toString(), k.start().toString(),
                k.end().toString()});
        }

        String json(Period p) {
            String[] t = of(p);
            return str(t[0]) + ", \"start\": " + str(t[1]) + ", \"end\": " + str(t[2]);
        }

        String csv(Period p) {
            String[] t = of(p);
            return t[0] + "," + t[1] + "," + t[2];
        }
    }

    /** A CSV text cell, escaped against formula injection and quoted when needed (as {@code kpi clean}). */
    static String cell(@Nullable String s) {
        return CsvOut.escape(s);
    }

    static String str(@Nullable String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    sb.append("\\\"");
                    break;
                case '\\':
                    sb.append("\\\\");
                    break;
                case '\n':
                    sb.append("\\n");
                    break;
                case '\r':
                    sb.append("\\r");
                    break;
                case '\t':
                    sb.append("\\t");
                    break;
                default:
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.append('"').toString();
    }

    private static String strings(List<String> list) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < list.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(str(list.get(i)));
        }
        return sb.append(']').toString();
    }
}
