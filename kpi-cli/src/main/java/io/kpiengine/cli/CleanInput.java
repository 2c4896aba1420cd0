package io.kpiengine.cli;

import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.RecordBatch;
import io.kpiengine.data.Schema;
import io.kpiengine.data.TextVector;
import io.kpiengine.data.doc.internal.DocNode;
import io.kpiengine.data.doc.internal.Fields;
import io.kpiengine.data.doc.internal.Problems;
import io.kpiengine.data.io.CsvSettings;
import io.kpiengine.data.io.CsvSource;
import io.kpiengine.data.io.SourceException;
import io.kpiengine.data.io.internal.SourceSpec;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code input} section of a rules file: how {@code kpi clean} reads the CSV data. It has the shape of a
 * data source of the metric catalog and is read by the same reader ({@link SourceSpec}): {@code columns} (name to
 * type, in file order; omitted = inferred) and {@code csv} (delimiter, quote, header, charset, headerNames,
 * defaultFormat, formats).
 *
 * <p><b>Inference</b> (no {@code columns}): every header column is kept; from the first 1,000 records a column
 * is INTEGER if every present value is a whole number, DECIMAL (double) if every one is a plain number,
 * TIMESTAMP if every one is an ISO-8601 date-time with offset, DATE if every one is an ISO date, BOOLEAN for
 * true/false, CATEGORY if it has at most 1,000 distinct values and they repeat (distinct <= half the present
 * values), else TEXT. A column with no present value is TEXT.
 */
final class CleanInput {

    private static final String[] INPUT = {"columns", "csv"};
    static final int SAMPLE = 1000;

    private final SourceSpec spec;

    private CleanInput(SourceSpec spec) {
        this.spec = spec;
    }

    /** Reads the section (or null for defaults), recording problems. */
    static CleanInput read(DocNode node, Problems problems) {
        if (node == null) {
            return new CleanInput(SourceSpec.fromDocument(null, null, problems, "input"));
        }
        Fields f = Fields.of(node, problems, "input", INPUT);
        return new CleanInput(SourceSpec.fromDocument(f.get("columns"), f.object("csv"), problems, "input"));
    }

    /** A CSV reader of the data file, with the declared or inferred schema. */
    CsvSource open(Path data) {
        Schema schema = spec.columns().map(Schema::of).orElseGet(() -> infer(data));
        return builder(data).schema(schema).build();
    }

    private CsvSource.Builder builder(Path data) {
        return CsvSource.builder(data).csv(spec.csv());
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
                    String cell = v.get(r);
                    if (cell != null && !cell.isBlank()) {
                        values.get(c).add(cell.strip());
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
        List<String> names = headerFields(data, spec.csv());
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

    private static List<String> headerFields(Path data, CsvSettings csv) {
        char delimiter = csv.delimiter();
        char quote = csv.quote();
        try (java.io.BufferedReader r = java.nio.file.Files.newBufferedReader(data, csv.charset())) {
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
                    if (ch == quote && i + 1 < line.length() && line.charAt(i + 1) == quote) {
                        sb.append(quote);
                        i++;
                    } else if (ch == quote) {
                        quoted = false;
                    } else {
                        sb.append(ch);
                    }
                } else if (ch == quote) {
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
