package io.kpiengine.cli;

import io.kpiengine.core.KpiEngine;
import io.kpiengine.core.KpiResult;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.SourceAccount;
import io.kpiengine.core.metric.Catalog;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a result table as JSON or CSV, in the schema documented in {@code docs/results.md}.
 */
final class ResultsFormat {

    /** The version of the output schema. */
    static final int SCHEMA_VERSION = 1;

    private ResultsFormat() {
    }

    static String json(Catalog catalog, KpiEngine engine, KpiResults r) {
        StringBuilder sb = new StringBuilder(256 + r.rows().size() * 200);
        sb.append("{\n  \"schemaVersion\": ").append(SCHEMA_VERSION);
        sb.append(",\n  \"catalog\": ").append(str(catalog.name()));
        sb.append(",\n  \"zone\": ").append(str(engine.calendar().zone().getId()));
        sb.append(",\n  \"grain\": ").append(str(engine.grain().id()));
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
        boolean first = true;
        for (KpiResult x : r.rows()) {
            sb.append(first ? "\n" : ",\n");
            first = false;
            sb.append("    {\"metric\": ").append(str(x.metric()))
                    .append(", \"period\": ").append(str(x.period().toString()))
                    .append(", \"start\": ").append(str(x.period().start().toString()))
                    .append(", \"end\": ").append(str(x.period().end().toString()))
                    .append(", \"status\": ").append(str(x.status().name()))
                    .append(", \"dimensions\": {");
            boolean firstDim = true;
            for (Map.Entry<String, String> d : x.dimensions().entrySet()) {
                sb.append(firstDim ? "" : ", ").append(str(d.getKey())).append(": ").append(str(d.getValue()));
                firstDim = false;
            }
            sb.append("}, \"value\": ").append(!x.value().isPresent() ? "null"
                            : x.value().isNumber() ? x.value().text() : str(x.value().text()))
                    .append(", \"reason\": ").append(x.value().isPresent() ? "null" : str(x.value().reason().name()))
                    .append(", \"detail\": ").append(str(x.value().detail()))
                    .append(", \"rows\": ").append(x.rows()).append('}');
        }
        sb.append(first ? "]\n}\n" : "\n  ]\n}\n");
        return sb.toString();
    }

    static String csv(KpiResults r) {
        Set<String> dims = new LinkedHashSet<>();
        r.rows().forEach(x -> dims.addAll(x.dimensions().keySet()));
        List<String> header = new ArrayList<>(List.of("metric", "period", "start", "end", "status"));
        header.addAll(dims);
        header.addAll(List.of("value", "reason", "detail", "rows"));
        StringBuilder sb = new StringBuilder(256 + r.rows().size() * 120);
        for (int i = 0; i < header.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(cell(header.get(i)));
        }
        sb.append("\r\n");
        for (KpiResult x : r.rows()) {
            sb.append(cell(x.metric())).append(',').append(x.period()).append(',').append(x.period().start())
                    .append(',').append(x.period().end()).append(',').append(x.status());
            for (String d : dims) {
                sb.append(',').append(x.dimensions().containsKey(d) ? cell(x.dimensions().get(d)) : "");
            }
            sb.append(',').append(x.value().text())
                    .append(',').append(x.value().isPresent() ? "" : x.value().reason().name())
                    .append(',').append(cell(x.value().detail()))
                    .append(',').append(x.rows()).append("\r\n");
        }
        return sb.toString();
    }

    /** A CSV text cell, escaped against formula injection and quoted when needed (as {@code kpi clean}). */
    static String cell(String s) {
        return CsvOut.escape(s);
    }

    static String str(String s) {
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
