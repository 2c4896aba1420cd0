package io.kpiengine.core.track;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.kpiengine.analysis.Interval;
import io.kpiengine.core.KpiValue;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Writes a scorecard as JSON (Jackson's streaming generator: every string escaped by it) or CSV.
 *
 * <p>CSV: RFC 4180 with CRLF; a cell with a comma, a quote, CR or LF is quoted with inner quotes doubled. Formula
 * injection: a text cell (names, segments, reasons, rules, messages) that starts with {@code =}, {@code +}, {@code -},
 * {@code @}, a tab or a carriage return gets a leading {@code '}, so that a spreadsheet shows it as text; number
 * cells are written as numbers and never altered ({@code -5} stays {@code -5}).
 */
final class CardWriter {

    /** The version of the JSON schema. */
    static final int SCHEMA_VERSION = 1;

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private CardWriter() {
    }

    static void json(Scorecard card, Writer out) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("schemaVersion", SCHEMA_VERSION);
            g.writeStringField("catalog", card.catalog());
            g.writeStringField("zone", card.zone());
            g.writeStringField("grain", card.grain().id());
            g.writeStringField("asOf", card.asOf().toString());
            g.writeStringField("quality", card.quality().name());
            summary(card, g);
            g.writeArrayFieldStart("alerts");
            for (Alert a : card.alerts()) {
                alert(a, g);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("findings");
            for (TrackingFinding f : card.findings()) {
                g.writeStartObject();
                g.writeStringField("rule", f.rule());
                g.writeStringField("severity", f.severity().name());
                g.writeStringField("metric", f.metric());
                segment(g, f.segment());
                g.writeStringField("location", f.location().toString());
                g.writeStringField("message", f.message());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("rows");
            for (ScorecardRow r : card.rows()) {
                row(r, g);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }

    private static void summary(Scorecard card, JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("summary");
        g.writeNumberField("rows", card.rows().size());
        g.writeNumberField("series", card.current().size());
        g.writeObjectFieldStart("statuses");
        for (Map.Entry<KpiStatus, Integer> e : card.statusCounts().entrySet()) {
            g.writeNumberField(e.getKey().id(), e.getValue());
        }
        g.writeEndObject();
        Map<Alert.State, Integer> states = new EnumMap<>(Alert.State.class);
        for (Alert.State s : Alert.State.values()) {
            states.put(s, 0);
        }
        card.alerts().forEach(a -> states.merge(a.state(), 1, Integer::sum));
        g.writeObjectFieldStart("alerts");
        for (Map.Entry<Alert.State, Integer> e : states.entrySet()) {
            g.writeNumberField(e.getKey().id(), e.getValue());
        }
        g.writeEndObject();
        g.writeBooleanField("criticalOpen", card.hasOpen(AlertSeverity.CRITICAL));
        g.writeNumberField("findings", card.findings().size());
        g.writeEndObject();
    }

    private static void segment(JsonGenerator g, Map<String, String> segment) throws IOException {
        g.writeObjectFieldStart("segment");
        for (Map.Entry<String, String> e : segment.entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    private static void number(JsonGenerator g, String field, double v) throws IOException {
        if (Double.isNaN(v)) {
            g.writeNullField(field);
        } else if (Double.isFinite(v)) {
            g.writeFieldName(field);
            g.writeNumber(plain(v));
        } else {
            g.writeNumberField(field, v);
        }
    }

    private static void number(JsonGenerator g, String field, OptionalDouble v) throws IOException {
        number(g, field, v.orElse(Double.NaN));
    }

    private static void alert(Alert a, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("rule", a.rule());
        g.writeStringField("kind", a.kind().id());
        g.writeStringField("severity", a.severity().id());
        g.writeStringField("state", a.state().id());
        g.writeStringField("metric", a.metric());
        segment(g, a.segment());
        g.writeStringField("period", a.period().toString());
        g.writeStringField("since", a.since().toString());
        number(g, "value", a.value());
        number(g, "expected", a.expected());
        number(g, "low", a.low());
        number(g, "high", a.high());
        number(g, "signal", a.signal());
        number(g, "pValue", a.pValue());
        g.writeStringField("message", a.message());
        g.writeEndObject();
    }

    private static void row(ScorecardRow r, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("metric", r.metric());
        segment(g, r.segment());
        g.writeStringField("period", r.period().toString());
        g.writeStringField("periodStatus", r.result.status().name());
        g.writeBooleanField("current", r.current);
        g.writeStringField("owner", r.owner().orElse(null));
        number(g, "value", r.value);
        g.writeStringField("reason", r.result.value().reason().map(Enum::name).orElse(null));
        BaselineValue b = r.baseline();
        g.writeObjectFieldStart("baseline");
        number(g, "value", b.value());
        g.writeStringField("method", b.method().id());
        g.writeStringField("window", b.describe());
        g.writeNumberField("periods", b.periods());
        g.writeStringField("reason", b.reason().orElse(null));
        g.writeEndObject();
        number(g, "target", r.target);
        g.writeStringField("targetKind", r.targetKind == null ? null : r.targetKind.id());
        g.writeStringField("targetReason", r.targetReason);
        number(g, "stretch", r.stretch);
        number(g, "bandLow", r.bandLow);
        number(g, "bandHigh", r.bandHigh);
        number(g, "achievement", r.achievement);
        number(g, "stretchAchievement", r.stretchAchievement());
        number(g, "gap", r.gap());
        number(g, "baselineGap", r.baselineGap());
        number(g, "change", r.change());
        number(g, "changePct", r.changePercent());
        number(g, "yoyChange", r.yoyChange());
        number(g, "yoyPct", r.yoyPercent());
        number(g, "zscore", r.zscore);
        if (r.pace == null) {
            g.writeNullField("pace");
        } else {
            Pace p = r.pace;
            g.writeObjectFieldStart("pace");
            g.writeStringField("target", p.target().toString());
            g.writeStringField("horizonEnd", p.horizonEnd().toString());
            number(g, "toDateActual", p.toDateActual());
            number(g, "toDateExpected", p.toDateExpected());
            number(g, "percent", p.percent());
            number(g, "forecast", p.forecast());
            Interval i = p.interval().orElse(null);
            number(g, "low", i == null ? Double.NaN : i.low());
            number(g, "high", i == null ? Double.NaN : i.high());
            number(g, "level", i == null ? Double.NaN : i.level());
            number(g, "probability", p.probability());
            g.writeStringField("outlook", p.outlook().map(Pace.Outlook::id).orElse(null));
            g.writeStringField("model", p.model().orElse(null));
            g.writeStringField("reason", p.reason().orElse(null));
            g.writeEndObject();
        }
        g.writeStringField("status", r.status().id());
        g.writeStringField("statusRule", r.statusRule());
        g.writeArrayFieldStart("alerts");
        for (Alert a : r.alerts) {
            g.writeStartObject();
            g.writeStringField("rule", a.rule());
            g.writeStringField("state", a.state().id());
            g.writeStringField("severity", a.severity().id());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    static void csv(Scorecard card, Writer out) throws IOException {
        Set<String> dims = new LinkedHashSet<>();
        card.rows().forEach(r -> dims.addAll(r.segment().keySet()));
        List<String> header = new ArrayList<>(List.of("metric", "period"));
        header.addAll(dims);
        header.addAll(List.of("current", "owner", "value", "reason", "baseline", "baseline_method", "baseline_window",
                "baseline_reason", "target", "target_kind", "target_reason", "stretch", "band_low", "band_high",
                "achievement", "stretch_achievement", "gap", "baseline_gap", "change", "change_pct", "yoy_change",
                "yoy_pct", "zscore", "pace", "forecast", "forecast_low", "forecast_high", "probability", "outlook",
                "status", "status_rule", "alerts"));
        StringBuilder line = new StringBuilder(512);
        for (int i = 0; i < header.size(); i++) {
            text(line, i == 0 ? "" : ",", header.get(i));
        }
        out.write(line.append("\r\n").toString());
        for (ScorecardRow r : card.rows()) {
            line.setLength(0);
            text(line, "", r.metric());
            text(line, ",", r.period().toString());
            for (String d : dims) {
                text(line, ",", r.segment().get(d));
            }
            line.append(',').append(r.current);
            text(line, ",", r.owner().orElse(null));
            num(line, r.value);
            text(line, ",", r.result.value().reason().map(Enum::name).orElse(null));
            BaselineValue b = r.baseline();
            num(line, b.value());
            text(line, ",", b.method().id());
            text(line, ",", b.describe());
            text(line, ",", b.reason().orElse(null));
            num(line, r.target);
            text(line, ",", r.targetKind == null ? null : r.targetKind.id());
            text(line, ",", r.targetReason);
            num(line, r.stretch);
            num(line, r.bandLow);
            num(line, r.bandHigh);
            num(line, r.achievement);
            num(line, r.stretchAchievement());
            num(line, r.gap());
            num(line, r.baselineGap());
            num(line, r.change());
            num(line, r.changePercent());
            num(line, r.yoyChange());
            num(line, r.yoyPercent());
            num(line, r.zscore);
            Pace p = r.pace;
            Interval i = p == null ? null : p.interval().orElse(null);
            num(line, p == null ? OptionalDouble.empty() : p.percent());
            num(line, p == null ? OptionalDouble.empty() : p.forecast());
            num(line, i == null ? Double.NaN : i.low());
            num(line, i == null ? Double.NaN : i.high());
            num(line, p == null ? OptionalDouble.empty() : p.probability());
            text(line, ",", p == null ? null : p.outlook().map(Pace.Outlook::id).orElse(null));
            text(line, ",", r.status().id());
            text(line, ",", r.statusRule());
            StringBuilder alerts = new StringBuilder();
            for (Alert a : r.alerts) {
                alerts.append(alerts.length() == 0 ? "" : " ").append(a.rule()).append(':').append(a.state().id());
            }
            text(line, ",", alerts.length() == 0 ? null : alerts.toString());
            out.write(line.append("\r\n").toString());
        }
        out.flush();
    }

    private static void num(StringBuilder sb, double v) {
        sb.append(',');
        if (!Double.isNaN(v)) {
            sb.append(plain(v));
        }
    }

    /**
     * A number in the number style of the results (docs/results.md): plain notation, no exponent, no {@code .0} on
     * whole numbers ({@code KpiValue.text()}); a non-finite number as Java writes it.
     */
    static String plain(double v) {
        return Double.isFinite(v) ? KpiValue.of(v).text() : Double.toString(v);
    }

    private static void num(StringBuilder sb, OptionalDouble v) {
        num(sb, v.orElse(Double.NaN));
    }

    /** A text cell: formula-injection prefix, then RFC 4180 quoting; null is an empty cell. */
    static void text(StringBuilder sb, String separator, @Nullable String value) {
        sb.append(separator);
        if (value == null || value.isEmpty()) {
            return;
        }
        char first = value.charAt(0);
        String v = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
        boolean quote = false;
        for (int i = 0; i < v.length() && !quote; i++) {
            char c = v.charAt(i);
            quote = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        if (quote) {
            sb.append('"').append(v.replace("\"", "\"\"")).append('"');
        } else {
            sb.append(v);
        }
    }
}
