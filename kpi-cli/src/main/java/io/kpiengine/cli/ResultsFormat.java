package io.kpiengine.cli;

import io.kpiengine.core.KpiEngine;
import io.kpiengine.core.KpiResult;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.KpiValue;
import io.kpiengine.core.NoValueReason;
import io.kpiengine.core.SourceAccount;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.GroupingSets;
import io.kpiengine.core.metric.MetricMetadata;
import io.kpiengine.core.metric.Target;
import io.kpiengine.core.metric.Targets;
import io.kpiengine.core.time.Period;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
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
     * disk, not by the heap. The texts a table repeats (metric ids, periods, statuses, segments) are encoded once.
     */
    static void json(Catalog catalog, KpiEngine engine, KpiResults r, Utf8Out out) throws IOException {
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
        out.text(sb);
        Texts texts = new Texts(s -> Utf8Out.jsonString(s));
        PeriodTexts periods = new PeriodTexts();
        TargetStatuses targetStatuses = new TargetStatuses(catalog);
        boolean first = true;
        for (KpiResult x : r.rows()) {
            out.bytes(first ? JSON_FIRST_METRIC : JSON_NEXT_METRIC).bytes(texts.of(x.metric()))
                    .bytes(JSON_PERIOD).bytes(periods.json(x.period()))
                    .bytes(JSON_STATUS).bytes(texts.of(x.status().name()))
                    .bytes(JSON_DIMENSIONS);
            first = false;
            boolean firstDim = true;
            for (Map.Entry<String, String> d : x.dimensions().entrySet()) {
                if (!firstDim) {
                    out.bytes(COMMA);
                }
                out.bytes(texts.of(d.getKey())).bytes(COLON).bytes(texts.of(d.getValue()));
                firstDim = false;
            }
            KpiValue v = x.value();
            out.bytes(JSON_VALUE);
            if (!v.isPresent()) {
                out.bytes(NULL);
            } else if (v.isNumber()) {
                out.text(v.text());
            } else {
                out.json(v.text());
            }
            out.bytes(JSON_REASON);
            NoValueReason why = v.reason().orElse(null);
            out.bytes(why == null ? NULL : texts.of(why.name()));
            out.bytes(JSON_DETAIL).json(v.detail().orElse(null))
                    .bytes(JSON_ROWS).number(x.rows())
                    .bytes(JSON_TARGET_STATUS);
            String status = targetStatuses.of(x);
            out.bytes(status == null ? NULL : texts.of(status)).ascii('}');
        }
        out.text(first ? "]\n}\n" : "\n  ]\n}\n");
    }

    private static final byte[] JSON_FIRST_METRIC = Utf8Out.utf8("\n    {\"metric\": ");
    private static final byte[] JSON_NEXT_METRIC = Utf8Out.utf8(",\n    {\"metric\": ");
    private static final byte[] JSON_PERIOD = Utf8Out.utf8(", \"period\": ");
    private static final byte[] JSON_STATUS = Utf8Out.utf8(", \"status\": ");
    private static final byte[] JSON_DIMENSIONS = Utf8Out.utf8(", \"dimensions\": {");
    private static final byte[] JSON_VALUE = Utf8Out.utf8("}, \"value\": ");
    private static final byte[] JSON_REASON = Utf8Out.utf8(", \"reason\": ");
    private static final byte[] JSON_DETAIL = Utf8Out.utf8(", \"detail\": ");
    private static final byte[] JSON_ROWS = Utf8Out.utf8(", \"rows\": ");
    private static final byte[] JSON_TARGET_STATUS = Utf8Out.utf8(", \"targetStatus\": ");
    private static final byte[] NULL = Utf8Out.utf8("null");
    private static final byte[] COMMA = Utf8Out.utf8(", ");
    private static final byte[] COLON = Utf8Out.utf8(": ");

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

    /**
     * The cells' statuses against their metrics' targets (null when a cell has no value or its metric no
     * direction or target), with each metric's metadata looked up once.
     */
    private static final class TargetStatuses {
        private final Catalog catalog;
        private final Map<String, Optional<MetricMetadata>> metadata = new HashMap<>();

        TargetStatuses(Catalog catalog) {
            this.catalog = catalog;
        }

        @Nullable String of(KpiResult x) {
            if (!x.value().isPresent() || !x.value().isNumber()) {
                return null;
            }
            Optional<MetricMetadata> md = metadata.computeIfAbsent(x.metric(), id -> catalog.metric(id)
                    .map(m -> m.metadata()).filter(m -> m.direction().isPresent()));
            return md.flatMap(m -> m.targetStatus(x.value().value())).map(Enum::name).orElse(null);
        }
    }

    /**
     * The CSV table; with {@code metadata} the columns unit, owner, direction, tier, target (the nearest) and
     * targetStatus follow the rows column, and with {@code groupingSets} a groupingSet column follows status.
     * Written a row at a time (see {@link #json}).
     */
    static void csv(KpiResults r, Catalog catalog, boolean metadata, boolean groupingSets, Utf8Out out)
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
        for (int i = 0; i < header.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(cell(header.get(i)));
        }
        sb.append("\r\n");
        out.text(sb);
        Texts texts = new Texts(s -> Utf8Out.utf8(cell(s)));
        PeriodTexts periods = new PeriodTexts();
        TargetStatuses targetStatuses = new TargetStatuses(catalog);
        Map<String, byte[]> metricColumns = new HashMap<>();
        for (KpiResult x : r.rows()) {
            out.bytes(texts.of(x.metric())).ascii(',').bytes(periods.csv(x.period())).ascii(',')
                    .bytes(texts.of(x.status().name()));
            if (groupingSets) {
                out.ascii(',').bytes(texts.of(GroupingSets.text(x.groupingSet())));
            }
            for (String d : dims) {
                out.ascii(',');
                String v = x.dimensions().get(d);
                if (v != null) {
                    out.bytes(texts.of(v));
                }
            }
            KpiValue v = x.value();
            out.ascii(',').text(v.text()).ascii(',');
            NoValueReason why = v.reason().orElse(null);
            if (why != null) {
                out.bytes(texts.of(why.name()));
            }
            out.ascii(',').text(cell(v.detail().orElse(null))).ascii(',').number(x.rows());
            if (metadata) {
                out.bytes(metricColumns.computeIfAbsent(x.metric(), id -> Utf8Out.utf8(metadataColumns(catalog, id))))
                        .ascii(',').text(Objects.toString(targetStatuses.of(x), ""));
            }
            out.ascii('\r').ascii('\n');
        }
    }

    /** A metric's CSV metadata columns, unit to target, each with its leading comma. */
    private static String metadataColumns(Catalog catalog, String id) {
        MetricMetadata md = catalog.metric(id).map(m -> m.metadata()).orElse(null);
        return "," + cell(catalog.unitOf(id).map(Object::toString).orElse(null))
                + "," + cell(md == null ? null : md.owner().orElse(null))
                + "," + (md == null ? "" : md.direction().map(Enum::name).orElse(""))
                + "," + (md == null ? "" : md.tier().map(Enum::name).orElse(""))
                + "," + (md == null ? "" : md.targets().nearest().map(t -> t.value().toPlainString()).orElse(""));
    }

    /**
     * The encoded form (a JSON literal or a CSV cell) of texts a table repeats: metric ids, statuses, dimension
     * names and values. At most {@value #CACHED} distinct texts are kept; past that, texts are encoded each time,
     * so a table of a million segments holds no second copy of them.
     */
    private static final class Texts {
        static final int CACHED = 4096;
        private final Function<String, byte[]> encode;
        private final Map<String, byte[]> cache = new HashMap<>();

        Texts(Function<String, byte[]> encode) {
            this.encode = encode;
        }

        byte[] of(String s) {
            byte[] b = cache.get(s);
            if (b == null) {
                b = encode.apply(s);
                if (cache.size() < CACHED) {
                    cache.put(s, b);
                }
            }
            return b;
        }
    }

    /**
     * The texts of each period (name, start and end instants), made once per period: a table repeats every
     * period once per metric and segment, and formatting instants is the costly part of writing a small table.
     */
    private static final class PeriodTexts {
        private final Map<Period, byte[]> texts = new HashMap<>();

        byte[] json(Period p) {
            return texts.computeIfAbsent(p, k -> Utf8Out.utf8(str(k.toString()) + ", \"start\": "
                    + str(k.start().toString()) + ", \"end\": " + str(k.end().toString())));
        }

        byte[] csv(Period p) {
            return texts.computeIfAbsent(p, k -> Utf8Out.utf8(k + "," + k.start() + "," + k.end()));
        }
    }

    /** The JSON escape of a control character, quote or backslash. */
    static String escape(char c) {
        switch (c) {
            case '"':
                return "\\\"";
            case '\\':
                return "\\\\";
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            default:
                return c < 0x20 ? String.format(Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c);
        }
    }

    /** A CSV text cell, escaped against formula injection and quoted when needed (as {@code kpi clean}). */
    static String cell(@Nullable String s) {
        return CsvOut.escape(s);
    }

    /**
     * A number of a JSON output in the number style of the results (docs/results.md: plain notation, no exponent,
     * no {@code .0} on whole numbers, as {@code KpiValue.text()}); {@code null} for NaN and infinities.
     */
    static String number(double v) {
        return Double.isFinite(v) ? KpiValue.of(v).text() : "null";
    }

    /** The JSON string literal of {@code s} (quoted, escaped as {@link #escape}), or {@code null}. */
    static String str(@Nullable String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                sb.append(escape(c));
            } else {
                sb.append(c);
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
