package io.kpiengine.data.io.internal;

import io.kpiengine.data.io.ColumnFormat;
import io.kpiengine.data.io.CsvSettings;
import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.doc.internal.DocNode;
import io.kpiengine.data.doc.internal.Fields;
import io.kpiengine.data.doc.internal.Problems;
import io.kpiengine.base.internal.Suggestions;
import java.math.RoundingMode;
import java.nio.charset.Charset;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shape of a CSV data source as definition documents declare it: the {@code columns} section (column name to
 * type, in file order) and the {@code csv} section ({@link CsvSettings}). A data source of a metric catalog and the
 * {@code input} of a {@code kpi clean} rules file share it, and this one reader serves both.
 *
 * <pre>{@code
 * columns: {ts: timestamp, channel: category, visitors: integer, revenue: decimal(2)}
 * csv:
 *   delimiter: ";"                 # one character; default ","
 *   quote: "\""                    # default '"'
 *   header: true                   # default true
 *   charset: UTF-8                 # default UTF-8
 *   headerNames: {visitors: Unique.Visits}
 *   defaultFormat: {trim: true}
 *   formats: {visitors: {thousandsSeparator: "."}}
 * }</pre>
 *
 * <p>Column types: {@code text}, {@code category}, {@code integer}, {@code decimal}, {@code decimal(N)} (N =
 * 0..18, exact), {@code boolean}, {@code timestamp}, {@code date}, in any case. Format fields: {@code datePatterns},
 * {@code decimalSeparator}, {@code thousandsSeparator}, {@code locale}, {@code zone}, {@code trueWords},
 * {@code falseWords}, {@code nullTokens}, {@code emptyAsMissing}, {@code trim}, {@code rounding} (a
 * {@link java.math.RoundingMode} such as {@code half-even}; see {@link ColumnFormat}).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SourceSpec {

    private static final String[] CSV = {"delimiter", "quote", "header", "ignoreHeaderCase", "charset", "headerNames",
        "defaultFormat", "formats"};
    private static final String[] FORMAT = {"datePatterns", "decimalSeparator", "thousandsSeparator", "locale",
        "zone", "trueWords", "falseWords", "nullTokens", "emptyAsMissing", "trim", "rounding"};
    private static final Pattern TYPE = Pattern.compile("(text|category|integer|decimal|boolean|timestamp|date)"
            + "(?:\\((\\d{1,2})\\))?");
    /** The column types a document may name, for messages. */
    static final List<String> TYPES = List.of("text", "category", "integer", "decimal", "decimal(2)", "boolean",
            "timestamp", "date");

    private final List<Column> columns;
    private final CsvSettings csv;

    private SourceSpec(List<Column> columns, CsvSettings csv) {
        this.columns = columns == null ? null : List.copyOf(columns);
        this.csv = csv;
    }

    /**
     * Reads the {@code columns} and {@code csv} sections of a source, recording every problem with its place.
     *
     * <p>Messages name the source by {@code what}, e.g. {@code type of column 'v' in source 'events' must be one
     * of [...], but was 'intger'; did you mean 'integer'?} or {@code 'delimiter' in csv of input must be one
     * character, but was ';;'}. Columns with a bad type and settings with a bad value are left out of the result.
     *
     * @param columns the {@code columns} node (an object of column name to type), or null when absent
     * @param csv the {@code csv} node (an object), or null when absent
     * @param problems where problems are recorded
     * @param what the source for messages, e.g. {@code "source 'events'"} or {@code "input"}
     * @return the spec; without a {@code columns} node it declares no columns
     * @throws NullPointerException if problems or what is null
     */
    public static SourceSpec fromDocument(DocNode columns, DocNode csv, Problems problems, String what) {
        Objects.requireNonNull(problems, "problems");
        Objects.requireNonNull(what, "what");
        List<Column> cols = null;
        if (columns != null && !columns.isObject()) {
            problems.add(columns, "'columns' in " + what + " must be an object of column name to type, but was "
                    + columns.describe());
        } else if (columns != null) {
            cols = new ArrayList<>();
            for (Map.Entry<String, DocNode> c : columns.fields().entrySet()) {
                Column col = column(what, c.getKey(), columns, c.getValue(), problems);
                if (col != null) {
                    cols.add(col);
                }
            }
        }
        return new SourceSpec(cols, csv == null ? CsvSettings.DEFAULTS : csv(what, csv, problems));
    }

    /**
     * The declared columns, in file order.
     *
     * @return the columns, or empty when the document has no {@code columns} section
     */
    public Optional<List<Column>> columns() {
        return Optional.ofNullable(columns);
    }

    /**
     * How the source's CSV files are read.
     *
     * @return the settings, {@link CsvSettings#DEFAULTS} without a {@code csv} section
     */
    public CsvSettings csv() {
        return csv;
    }

    private static Column column(String what, String name, DocNode columns, DocNode type, Problems problems) {
        String text = type.kind() == DocNode.Kind.STRING ? type.scalarText().trim().toLowerCase(Locale.ROOT) : null;
        Matcher m = text == null ? null : TYPE.matcher(text);
        if (m == null || !m.matches() || m.group(2) != null && !m.group(1).equals("decimal")) {
            problems.add(type, "type of column '" + name + "' in " + what + " must be one of " + TYPES + ", but was "
                    + (text == null ? type.describe() : "'" + type.scalarText() + "'"
                    + Suggestions.didYouMean(text, TYPES)));
            return null;
        }
        try {
            ColumnType t = ColumnType.valueOf(m.group(1).toUpperCase(Locale.ROOT));
            return m.group(2) == null ? Column.of(name, t) : Column.decimal(name, Integer.parseInt(m.group(2)));
        } catch (IllegalArgumentException e) {
            problems.add(columns.keyLocation(name), e.getMessage());
            return null;
        }
    }

    private static CsvSettings csv(String what, DocNode node, Problems problems) {
        String csvWhat = "csv of " + what;
        Fields f = Fields.of(node, problems, csvWhat, CSV);
        CsvSettings.Builder b = CsvSettings.builder();
        Character delimiter = character(f, "delimiter", csvWhat);
        if (delimiter != null) {
            b.delimiter(delimiter);
        }
        Character quote = character(f, "quote", csvWhat);
        if (quote != null) {
            b.quote(quote);
        }
        if (f.has("ignoreHeaderCase")) {
            b.ignoreHeaderCase(f.bool("ignoreHeaderCase", false));
        }
        if ((delimiter == null ? ',' : delimiter) == (quote == null ? '"' : quote)) {
            problems.add(f.get(quote != null ? "quote" : "delimiter"), "'delimiter' and 'quote' in " + csvWhat
                    + " must differ, but both are '" + (delimiter == null ? ',' : delimiter) + "' (no field could be"
                    + " told from a quoted one); the default quote is '\"'");
            return CsvSettings.DEFAULTS;
        }
        if (f.has("header")) {
            b.header(f.bool("header", true));
        }
        String charset = f.text("charset", null);
        if (charset != null) {
            try {
                b.charset(Charset.forName(charset));
            } catch (IllegalArgumentException e) {
                problems.add(f.get("charset"), "'charset' in " + csvWhat + " must be a charset such as UTF-8, but was"
                        + " '" + charset + "'");
            }
        }
        for (Map.Entry<String, DocNode> e : f.map("headerNames").entrySet()) {
            if (e.getValue().kind() != DocNode.Kind.STRING) {
                problems.add(e.getValue(), "header name of column '" + e.getKey() + "' in " + csvWhat
                        + " must be text, but was " + e.getValue().describe());
            } else {
                b.headerName(e.getKey(), e.getValue().scalarText());
            }
        }
        DocNode def = f.object("defaultFormat");
        if (def != null) {
            ColumnFormat cf = format("defaultFormat of " + what, def, problems);
            if (cf != null) {
                b.defaultFormat(cf);
            }
        }
        for (Map.Entry<String, DocNode> e : f.map("formats").entrySet()) {
            ColumnFormat cf = format("format of column '" + e.getKey() + "' in " + what, e.getValue(), problems);
            if (cf != null) {
                b.format(e.getKey(), cf);
            }
        }
        return b.build();
    }

    private static Character character(Fields f, String field, String what) {
        String s = f.text(field, null);
        if (s == null) {
            return null;
        }
        if (s.length() != 1) {
            f.problems().add(f.get(field), "'" + field + "' in " + what + " must be one character, but was '" + s
                    + "'");
            return null;
        }
        char c = s.charAt(0);
        if (c > 126 || c < ' ' && c != '\t') {
            f.problems().add(f.get(field), "'" + field + "' in " + what + " must be a printable ASCII character or"
                    + " tab, but was U+" + String.format("%04X", (int) c));
            return null;
        }
        return c;
    }

    private static ColumnFormat format(String what, DocNode node, Problems problems) {
        Fields f = Fields.of(node, problems, what, FORMAT);
        ColumnFormat.Builder b = ColumnFormat.builder();
        int before = problems.list().size();
        try {
            List<String> patterns = f.textList("datePatterns");
            if (!patterns.isEmpty()) {
                b.datePatterns(patterns.toArray(new String[0]));
            }
            Character dec = character(f, "decimalSeparator", what);
            if (dec != null) {
                b.decimalSeparator(dec);
            }
            Character thousands = character(f, "thousandsSeparator", what);
            if (thousands != null) {
                b.thousandsSeparator(thousands);
            }
            String locale = f.text("locale", null);
            if (locale != null) {
                b.locale(Locale.forLanguageTag(locale));
            }
            String zone = f.text("zone", null);
            if (zone != null) {
                b.zone(ZoneId.of(zone));
            }
            List<String> yes = f.textList("trueWords");
            List<String> no = f.textList("falseWords");
            if (!yes.isEmpty() || !no.isEmpty()) {
                b.booleanWords(yes, no);
            }
            List<String> nulls = f.textList("nullTokens");
            if (!nulls.isEmpty()) {
                b.nullTokens(nulls.toArray(new String[0]));
            }
            if (f.has("emptyAsMissing")) {
                b.emptyAsMissing(f.bool("emptyAsMissing", true));
            }
            if (f.has("trim")) {
                b.trim(f.bool("trim", false));
            }
            RoundingMode rounding = f.enumValue("rounding", RoundingMode.class, null);
            if (rounding != null) {
                b.rounding(rounding);
            }
            return problems.list().size() > before ? null : b.build();
        } catch (IllegalArgumentException | IllegalStateException | DateTimeException e) {
            problems.add(node, what + ": " + e.getMessage());
            return null;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SourceSpec s && Objects.equals(s.columns, columns) && s.csv.equals(csv);
    }

    @Override
    public int hashCode() {
        return Objects.hash(columns, csv);
    }

    @Override
    public String toString() {
        return "SourceSpec[" + (columns == null ? "no columns" : "columns " + columns) + ", " + csv + "]";
    }
}
