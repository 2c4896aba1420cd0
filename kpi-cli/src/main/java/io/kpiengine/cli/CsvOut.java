package io.kpiengine.cli;

import io.kpiengine.core.KpiValue;
import io.kpiengine.data.CategoryVector;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.DecimalVector;
import io.kpiengine.data.DoubleVector;
import io.kpiengine.data.LongVector;
import io.kpiengine.data.RecordBatch;
import io.kpiengine.data.RejectedRow;
import io.kpiengine.data.Schema;
import io.kpiengine.data.TextVector;
import io.kpiengine.data.Vector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * Writes CSV (RFC 4180, UTF-8, LF) of clean rows or of quarantined records.
 *
 * <p>Formula injection: a TEXT or CATEGORY cell that starts with {@code = + - @}, a tab or a carriage return is
 * written with a leading {@code '} so that spreadsheets show it as text. Numbers, dates and timestamps are
 * written as they are, so {@code -5} stays {@code -5}. The {@code record} column of a rejected record is its raw
 * text and stays raw: never prefixed, only quoted. Cells with a comma, a quote or a line break are quoted.
 *
 * <p>The file is one of a command's {@link OutputFiles}: it reaches its path only when the command commits.
 * Values: numbers in plain notation (exact decimals with their scale), booleans {@code true/false}, timestamps
 * as ISO-8601 instants in UTC, dates as ISO dates, missing values as empty cells.
 */
final class CsvOut implements AutoCloseable {

    private final Writer out;
    private final Path path;

    private CsvOut(OutputFiles files, Path path) {
        this.path = path;
        this.out = files.writer(path);
    }

    /** A writer of clean rows, header written. */
    static CsvOut rows(OutputFiles files, Path path, Schema schema) {
        CsvOut w = new CsvOut(files, path);
        for (int c = 0; c < schema.size(); c++) {
            w.text(c == 0 ? "" : ",", schema.column(c).name());
        }
        w.raw("\n");
        return w;
    }

    /** A writer of quarantined records, header {@code source,line,reason,record}. */
    static CsvOut rejects(OutputFiles files, Path path) {
        CsvOut w = new CsvOut(files, path);
        w.raw("source,line,reason,record\n");
        return w;
    }

    void write(RecordBatch b) {
        int n = b.size();
        int cols = b.schema().size();
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < cols; c++) {
                if (c > 0) {
                    raw(",");
                }
                cell(b.column(c), r);
            }
            raw("\n");
        }
    }

    void write(RejectedRow row) {
        text("", row.source());
        raw("," + row.line());
        text(",", row.reason());
        raw("," + quoted(row.rawText()));
        raw("\n");
    }

    private void cell(Vector v, int r) {
        if (v.isNull(r)) {
            return;
        }
        if (v instanceof TextVector t) {
            text("", t.get(r));
        } else if (v instanceof CategoryVector c) {
            text("", c.get(r));
        } else if (v instanceof DecimalVector d) {
            raw(BigDecimal.valueOf(d.unscaled(r), d.scale()).toPlainString());
        } else if (v instanceof DoubleVector d) {
            raw(number(d.get(r)));
        } else {
            LongVector l = (LongVector) v;
            long x = l.get(r);
            ColumnType t = l.type();
            raw(t == ColumnType.BOOLEAN ? (x != 0 ? "true" : "false")
                    : t == ColumnType.TIMESTAMP ? Instant.ofEpochSecond(Math.floorDiv(x, 1_000_000L),
                            Math.floorMod(x, 1_000_000L) * 1000L).toString()
                    : t == ColumnType.DATE ? LocalDate.ofEpochDay(x).toString() : Long.toString(x));
        }
    }

    /** A double cell in the number style of the results ({@code KpiValue.text()}). */
    static String number(double d) {
        return Double.isFinite(d) ? KpiValue.of(d).text() : Double.toString(d);
    }

    /** Writes a text cell: escaped against formula injection, quoted when needed. */
    private void text(String before, @Nullable String s) {
        raw(before);
        raw(escape(s));
    }

    static String escape(@Nullable String s) {
        if (s == null) {
            return "";
        }
        String v = s;
        if (!v.isEmpty()) {
            char first = v.charAt(0);
            if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
                v = "'" + v;
            }
        }
        return quoted(v);
    }

    /** RFC 4180 quoting alone: the text is kept as it is, quoted when it holds a comma, a quote or a line break. */
    static String quoted(String v) {
        if (v == null) {
            return "";
        }
        boolean quote = false;
        for (int i = 0; i < v.length() && !quote; i++) {
            char ch = v.charAt(i);
            quote = ch == ',' || ch == '"' || ch == '\n' || ch == '\r';
        }
        return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }

    private void raw(String s) {
        try {
            out.write(s);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw failure(e);
        }
    }

    private UncheckedIOException failure(IOException e) {
        return OutputFiles.failure(path, e);
    }
}
