package io.kpiengine.quality.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.kpiengine.quality.QualityReport;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a {@link QualityReport} as JSON in a fixed field order (schema version 1, see
 * {@code docs/quality-rules.md}).
 */
public final class ReportJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private ReportJson() {
    }

    /**
     * The report as pretty-printed JSON.
     *
     * @param r the report
     * @return the text
     */
    public static String write(QualityReport r) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("schemaVersion", 1);
            g.writeStringField("source", r.source());
            g.writeStringField("checkedAt", r.checkedAt().toString());
            g.writeStringField("status", r.status().name());
            QualityReport.Counts c = r.counts();
            g.writeObjectFieldStart("rows");
            g.writeNumberField("input", c.input());
            g.writeNumberField("readerRejects", c.readerRejects());
            g.writeNumberField("clean", c.clean());
            g.writeNumberField("quarantined", c.quarantined());
            g.writeNumberField("merged", c.merged());
            g.writeNumberField("inserted", c.inserted());
            g.writeEndObject();
            g.writeObjectFieldStart("scores");
            for (QualityReport.Score s : r.scores().values()) {
                g.writeObjectFieldStart(lower(s.dimension().name()));
                g.writeBooleanField("measured", s.measured());
                g.writeNumberField("value", s.value());
                g.writeNumberField("warnBelow", s.threshold().warnBelow());
                g.writeNumberField("failBelow", s.threshold().failBelow());
                g.writeStringField("status", s.status().name());
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeArrayFieldStart("rules");
            for (QualityReport.RuleResult rr : r.rules()) {
                g.writeStartObject();
                g.writeStringField("rule", rr.rule());
                g.writeStringField("kind", rr.kind());
                g.writeStringField("dimension", lower(rr.dimension().name()));
                g.writeNumberField("changed", rr.changed());
                g.writeNumberField("quarantined", rr.quarantined());
                g.writeNumberField("flagged", rr.flagged());
                g.writeNumberField("merged", rr.merged());
                g.writeObjectFieldStart("details");
                for (Map.Entry<String, Long> e : rr.details().entrySet()) {
                    g.writeNumberField(e.getKey(), e.getValue());
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            details(g, "changes", r.changes(), (x, e) -> {
                x.writeNumberField("row", e.row());
                x.writeStringField("column", e.column());
                x.writeStringField("old", e.oldValue());
                x.writeStringField("new", e.newValue());
                x.writeStringField("rule", e.rule());
            });
            details(g, "quarantined", r.quarantined(), (x, e) -> {
                x.writeNumberField("row", e.row());
                x.writeStringField("rule", e.rule());
                x.writeStringField("reason", e.reason());
            });
            details(g, "merged", r.merges(), (x, e) -> {
                x.writeNumberField("row", e.row());
                x.writeNumberField("into", e.into());
                x.writeStringField("rule", e.rule());
                x.writeBooleanField("conflict", e.conflict());
            });
            details(g, "conflicts", r.conflicts(), (x, e) -> {
                x.writeStringField("rule", e.rule());
                x.writeNumberField("keptRow", e.keptRow());
                x.writeNumberField("otherRow", e.otherRow());
                map(x, "kept", e.kept());
                map(x, "other", e.other());
            });
            details(g, "flags", r.flags(), (x, e) -> {
                x.writeNumberField("row", e.row());
                x.writeStringField("column", e.column());
                x.writeStringField("value", e.value());
                x.writeStringField("rule", e.rule());
                x.writeStringField("reason", e.reason());
            });
            details(g, "periods", r.periods(), (x, e) -> {
                x.writeStringField("rule", e.rule());
                map(x, "group", e.group());
                x.writeStringField("period", e.period());
                x.writeNumberField("rows", e.rows());
                x.writeNumberField("expected", e.expected());
                x.writeBooleanField("inserted", e.inserted());
            });
            g.writeArrayFieldStart("freshness");
            for (QualityReport.Freshness f : r.freshness()) {
                g.writeStartObject();
                g.writeStringField("rule", f.rule());
                g.writeStringField("newest", f.newest() == null ? null : f.newest().toString());
                g.writeStringField("checkedAt", f.checkedAt().toString());
                g.writeStringField("age", f.age() == null ? null : f.age().toString());
                g.writeStringField("maxAge", f.maxAge().toString());
                g.writeBooleanField("fresh", f.fresh());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private interface EntryWriter<T> {
        void write(JsonGenerator g, T entry) throws IOException;
    }

    private static <T> void details(JsonGenerator g, String name, QualityReport.Details<T> d, EntryWriter<T> w)
            throws IOException {
        g.writeObjectFieldStart(name);
        g.writeNumberField("total", d.total());
        g.writeNumberField("omitted", d.omitted());
        g.writeArrayFieldStart("items");
        List<T> items = d.items();
        for (T e : items) {
            g.writeStartObject();
            w.write(g, e);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void map(JsonGenerator g, String name, Map<String, String> m) throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, String> e : m.entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
