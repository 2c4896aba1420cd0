package io.kpiengine.cli;

import io.kpiengine.quality.Column;
import io.kpiengine.quality.ColumnType;
import io.kpiengine.quality.RecordBatch;
import io.kpiengine.quality.Schema;
import io.kpiengine.quality.TextVector;
import io.kpiengine.quality.doc.DocNode;
import io.kpiengine.quality.doc.Fields;
import io.kpiengine.quality.doc.Problems;
import io.kpiengine.quality.doc.Suggestions;
import io.kpiengine.quality.io.ColumnFormat;
import io.kpiengine.quality.io.CsvSource;
import io.kpiengine.quality.io.SourceException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code input} section of a rules file: how {@code kpi clean} reads the CSV data. It has the shape of a
 * data source of the metric catalog: {@code columns} (name to type, in any order; omitted = inferred) and
 * {@code csv} (delimiter, quote, header, charset, headerNames, defaultFormat, formats).
 *
 * <p><b>Inference</b> (no {@code columns}): every header column is kept; from the first 1,000 records a column
 * is INTEGER if every present value is a whole number, DECIMAL (double) if every one is a plain number,
 * TIMESTAMP if every one is an ISO-8601 date-time with offset, DATE if every one is an ISO date, BOOLEAN for
 * true/false, CATEGORY if it has at most 1,000 distinct values and they repeat (distinct <= half the present
 * values), else TEXT. A column with no present value is TEXT.
 */
final class CleanInput {

    private static final String[] INPUT = {"columns", "csv"};
    private static final String[] CSV = {"delimiter", "quote", "header", "charset", "headerNames", "defaultFormat",
        "formats"};
    private static final String[] FORMAT = {"datePatterns", "decimalSeparator", "thousandsSeparator", "locale", "zone",
        "trueWords", "falseWords", "nullTokens", "emptyAsMissing", "trim"};
    private static final Pattern TYPE = Pattern.compile("(text|category|integer|decimal|boolean|timestamp|date)"
            + "(?:\\((\\d{1,2})\\))?");
    private static final List<String> TYPES = List.of("text", "category", "integer", "decimal", "decimal(2)",
            "boolean", "timestamp", "date");
    static final int SAMPLE = 1000;

    private final List<Column> columns = new ArrayList<>();
    private final List<Consumer<CsvSource.Builder>> settings = new ArrayList<>();
    private boolean declared;
    private char delimiter = ',';

    /** Reads the section (or null for defaults), recording problems. */
    static CleanInput read(DocNode node, Problems problems) {
        CleanInput in = new CleanInput();
        if (node == null) {
            return in;
        }
        Fields f = Fields.of(node, problems, "input", INPUT);
        DocNode cols = f.object("columns");
        if (cols != null) {
            in.declared = true;
            for (Map.Entry<String, DocNode> e : cols.fields().entrySet()) {
                Column c = column(e.getKey(), e.getValue(), problems);
                if (c != null) {
                    in.columns.add(c);
                }
            }
        }
        DocNode csv = f.object("csv");
        if (csv != null) {
            in.csv(csv, problems);
        }
        return in;
    }

    private static Column column(String name, DocNode type, Problems problems) {
        String text = type.kind() == DocNode.Kind.STRING ? type.scalarText().trim().toLowerCase(Locale.ROOT) : null;
        Matcher m = text == null ? null : TYPE.matcher(text);
        if (m == null || !m.matches() || (m.group(2) != null && !m.group(1).equals("decimal"))) {
            problems.add(type, "type of column '" + name + "' in input must be one of " + TYPES + ", but was "
                    + (text == null ? type.describe() : "'" + type.scalarText() + "'"
                    + Suggestions.didYouMean(text, TYPES)));
            return null;
        }
        try {
            ColumnType t = ColumnType.valueOf(m.group(1).toUpperCase(Locale.ROOT));
            return m.group(2) == null ? Column.of(name, t) : Column.decimal(name, Integer.parseInt(m.group(2)));
        } catch (IllegalArgumentException e) {
            problems.add(type, e.getMessage());
            return null;
        }
    }

    private void csv(DocNode node, Problems problems) {
        Fields f = Fields.of(node, problems, "csv of input", CSV);
        Character delimiter = character(f, "delimiter", problems);
        if (delimiter != null) {
            this.delimiter = delimiter;
            settings.add(b -> b.delimiter(delimiter));
        }
        Character quote = character(f, "quote", problems);
        if (quote != null) {
            settings.add(b -> b.quote(quote));
        }
        if (f.has("header")) {
            boolean header = f.bool("header", true);
            settings.add(b -> b.header(header));
        }
        String charset = f.text("charset", null);
        if (charset != null) {
            try {
                Charset cs = Charset.forName(charset);
                settings.add(b -> b.charset(cs));
            } catch (IllegalArgumentException e) {
                problems.add(f.get("charset"), "'charset' in csv of input must be a charset such as UTF-8, but was '"
                        + charset + "'");
            }
        }
        for (Map.Entry<String, DocNode> e : f.map("headerNames").entrySet()) {
            if (e.getValue().kind() != DocNode.Kind.STRING) {
                problems.add(e.getValue(), "header name of column '" + e.getKey() + "' must be text, but was "
                        + e.getValue().describe());
            } else {
                String h = e.getValue().scalarText();
                settings.add(b -> b.headerName(e.getKey(), h));
            }
        }
        DocNode def = f.object("defaultFormat");
        if (def != null) {
            ColumnFormat cf = format("defaultFormat of input", def, problems);
            if (cf != null) {
                settings.add(b -> b.defaultFormat(cf));
            }
        }
        for (Map.Entry<String, DocNode> e : f.map("formats").entrySet()) {
            ColumnFormat cf = format("format of column '" + e.getKey() + "' in input", e.getValue(), problems);
            if (cf != null) {
                settings.add(b -> b.format(e.getKey(), cf));
            }
        }
    }

    private static Character character(Fields f, String field, Problems problems) {
        String s = f.text(field, null);
        if (s == null) {
            return null;
        }
        if (s.length() != 1) {
            problems.add(f.get(field), "'" + field + "' in csv of input must be one character, but was '" + s + "'");
            return null;
        }
        return s.charAt(0);
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
            Character dec = character(f, "decimalSeparator", problems);
            if (dec != null) {
                b.decimalSeparator(dec);
            }
            Character thousands = character(f, "thousandsSeparator", problems);
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
            return problems.list().size() > before ? null : b.build();
        } catch (IllegalArgumentException | IllegalStateException | DateTimeException e) {
            problems.add(node, what + ": " + e.getMessage());
            return null;
        }
    }

    /** A CSV reader of the data file, with the declared or inferred schema. */
    CsvSource open(Path data) {
        Schema schema = declared ? Schema.of(columns) : infer(data);
        return builder(data).schema(schema).build();
    }

    private CsvSource.Builder builder(Path data) {
        CsvSource.Builder b = CsvSource.builder(data);
        for (Consumer<CsvSource.Builder> s : settings) {
            s.accept(b);
        }
        return b;
    }

    private Schema infer(Path data) {
        List<String> names = header(data);
        List<Column> text = new ArrayList<>();
        for (String n : names) {
            text.add(Column.of(n, ColumnType.TEXT));
        }
        Schema all = Schema.of(text);
        List<List<String>> values = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            values.add(new ArrayList<>());
        }
        try (CsvSource s = builder(data).schema(all).batchSize(SAMPLE).build()) {
            RecordBatch b = s.next();
            for (int c = 0; b != null && c < names.size(); c++) {
                TextVector v = (TextVector) b.column(c);
                for (int r = 0; r < b.size(); r++) {
                    if (v.get(r) != null && !v.get(r).isBlank()) {
                        values.get(c).add(v.get(r).strip());
                    }
                }
            }
        }
        List<Column> out = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            out.add(Column.of(names.get(c), inferType(values.get(c))));
        }
        return Schema.of(out);
    }

    static ColumnType inferType(List<String> values) {
        if (values.isEmpty()) {
            return ColumnType.TEXT;
        }
        if (all(values, v -> v.matches("[+-]?\\d{1,18}"))) {
            return ColumnType.INTEGER;
        }
        if (all(values, v -> v.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)"))) {
            return ColumnType.DECIMAL;
        }
        if (all(values, v -> parses(() -> OffsetDateTime.parse(v)))) {
            return ColumnType.TIMESTAMP;
        }
        if (all(values, v -> parses(() -> LocalDate.parse(v)))) {
            return ColumnType.DATE;
        }
        if (all(values, v -> v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false"))) {
            return ColumnType.BOOLEAN;
        }
        Set<String> distinct = new HashSet<>(values);
        return distinct.size() <= 1000 && distinct.size() * 2 <= values.size() ? ColumnType.CATEGORY : ColumnType.TEXT;
    }

    private static boolean all(List<String> values, java.util.function.Predicate<String> p) {
        for (String v : values) {
            if (!p.test(v)) {
                return false;
            }
        }
        return true;
    }

    private static boolean parses(Runnable r) {
        try {
            r.run();
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    /** The header names of the first line, split on the delimiter with RFC 4180 quotes. */
    private List<String> header(Path data) {
        List<String> names = headerFields(data, delimiter);
        if (names.isEmpty() || (names.size() == 1 && names.get(0).isEmpty())) {
            throw new SourceException(data.toString(), 1, "cannot infer columns: the file has no header line"
                    + " (declare input.columns in the rules file)", null);
        }
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (!seen.add(n)) {
                throw new SourceException(data.toString(), 1, "cannot infer columns: header name '" + n
                        + "' appears twice (declare input.columns in the rules file)", null);
            }
        }
        return names;
    }

    private static List<String> headerFields(Path data, char delimiter) {
        try (java.io.BufferedReader r = java.nio.file.Files.newBufferedReader(data)) {
            String line = r.readLine();
            if (line == null) {
                return List.of();
            }
            if (line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            List<String> out = new ArrayList<>();
            StringBuilder sb = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char ch = line.charAt(i);
                if (quoted) {
                    if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        sb.append('"');
                        i++;
                    } else if (ch == '"') {
                        quoted = false;
                    } else {
                        sb.append(ch);
                    }
                } else if (ch == '"') {
                    quoted = true;
                } else if (ch == delimiter) {
                    out.add(sb.toString());
                    sb.setLength(0);
                } else {
                    sb.append(ch);
                }
            }
            out.add(sb.toString());
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + data + ": " + e.getMessage(), e);
        }
    }
}
