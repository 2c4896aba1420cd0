package io.kpiengine.cli;

import io.kpiengine.base.KpiException;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.CatalogException;
import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.RecordBatch;
import io.kpiengine.data.RecordSource;
import io.kpiengine.data.Schema;
import io.kpiengine.data.TextVector;
import io.kpiengine.data.io.CsvSource;
import io.kpiengine.data.io.ErrorBudget;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import org.jspecify.annotations.Nullable;

/**
 * {@code kpi init}: writes a starter catalog for a CSV file, guessed from a sample of its records (see
 * {@link ColumnGuess}): one data source with every column and its type, the date patterns of every date shape
 * found, thousands separators, the scale of decimals, a guess of the time column, and two example metrics (a count
 * of records and a sum of the first amount column, sliced by the low-cardinality categories), with comments.
 *
 * <pre>
 * kpi init --data orders.csv --source orders
 * wrote catalog.yaml: source 'orders', 21 columns, time column order_date, 2 metrics
 * </pre>
 *
 * <p>Exit codes: 0 written; 2 usage error (no such file, an empty file, an existing output without
 * {@code --force}).
 */
@Command(name = "init", mixinStandardHelpOptions = true, versionProvider = KpiCli.Version.class,
        description = {"Write a starter catalog for a CSV file, guessed from a sample of its records.",
            "Exit codes: 0 written, 2 usage error."})
final class InitCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "The CSV file to describe.")
    private Path data;

    @Option(names = "--source", paramLabel = "NAME", description = "The data source's name (default: from the file"
            + " name).")
    private String source;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "catalog.yaml",
            description = "Where to write the catalog (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = "--force", description = "Overwrite an existing output file.")
    private boolean force;

    @Option(names = "--sample", paramLabel = "N", defaultValue = "10000",
            description = "Records to read for the guess (default: ${DEFAULT-VALUE}).")
    private int sample;

    @Option(names = "--zone", paramLabel = "ZONE", defaultValue = "UTC",
            description = "The business time zone (default: ${DEFAULT-VALUE}).")
    private String zone;

    @Option(names = "--ignore-header-case", description = "Match header names without regard to case, so that the"
            + " catalog needs fewer header names.")
    private boolean ignoreHeaderCase;

    /** Creates the command; picocli sets the options. */
    @SuppressWarnings("NullAway.Init") // picocli sets the options before call(); an optional one left out is null there
    InitCommand() {
    }

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (!Files.isRegularFile(data)) {
                return fail(err, "--data " + data + ": no such file");
            }
            if (Files.exists(out) && !force) {
                return fail(err, out + " exists; choose another --out or add --force");
            }
            if (sample < 1) {
                return fail(err, "--sample must be at least 1, but was " + sample);
            }
            ZoneId.of(zone);
            String name = source != null ? source : ColumnGuess.identifier(fileStem(data));
            List<String> header = header(data);
            if (header.isEmpty()) {
                return fail(err, data + " is empty: it has no header");
            }
            char delimiter = delimiter(data);
            List<ColumnGuess> columns = guess(data, header, delimiter);
            String yaml = CatalogTemplate.write(data, out, name, zone, delimiter, columns, ignoreHeaderCase, sample);
            ColumnGuess time = CatalogTemplate.timeColumn(columns);
            // without a time column the starter is not a valid catalog yet: the person sets `time` (the file says
            // where); with one, it must be valid as written
            int metrics = time == null ? (CatalogTemplate.amountColumn(columns) == null ? 1 : 2)
                    : Catalog.read(yaml, out.getFileName().toString()).metrics().size();
            Files.writeString(out, yaml);
            stdout.printf(Locale.ROOT, "wrote %s: source '%s', %d columns, time column %s, %d metric%s%n", out, name,
                    columns.size(), time == null ? "none (no column looks like a date: set 'time' before running it)"
                            : time.name, metrics, metrics == 1 ? "" : "s");
            stdout.printf(Locale.ROOT, "check it with: kpi run --catalog %s --data %s=%s --check%n", out, name, data);
            stdout.flush();
            return RunCommand.OK;
        } catch (CatalogException e) {
            return fail(err, "the starter catalog is not valid, please report this: " + e.getMessage());
        } catch (KpiException | IllegalArgumentException | DateTimeException e) {
            return fail(err, e.getMessage());
        } catch (IOException e) {
            return fail(err, "cannot read or write a file: " + e.getMessage());
        }
    }

    private static String fileStem(Path file) {
        String f = file.getFileName().toString();
        int dot = f.lastIndexOf('.');
        return dot > 0 ? f.substring(0, dot) : f;
    }

    /** The delimiter of the first line: the most frequent of comma, semicolon and tab outside quotes. */
    private static char delimiter(Path file) throws IOException {
        String line = firstLine(file);
        int[] counts = new int[3];
        char[] candidates = {',', ';', '\t'};
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            for (int k = 0; k < 3 && !quoted; k++) {
                if (c == candidates[k]) {
                    counts[k]++;
                }
            }
        }
        int best = 0;
        for (int k = 1; k < 3; k++) {
            if (counts[k] > counts[best]) {
                best = k;
            }
        }
        return candidates[best];
    }

    private static String firstLine(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = r.readLine();
            return line == null ? "" : line.startsWith("\uFEFF") ? line.substring(1) : line;
        }
    }

    /** The header fields, read by the CSV reader as the first record of an all-text schema. */
    private static List<String> header(Path file) throws IOException {
        String line = firstLine(file);
        if (line.isEmpty()) {
            return List.of();
        }
        char delimiter = delimiter(file);
        List<List<String>> rows = read(file, split(line, delimiter).size(), delimiter, 1);
        return rows.isEmpty() ? List.of() : rows.get(0);
    }

    private static List<String> split(String line, char delimiter) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == delimiter && !quoted) {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        out.add(cell.toString());
        return out;
    }

    private List<ColumnGuess> guess(Path file, List<String> header, char delimiter) throws IOException {
        List<List<String>> rows = read(file, header.size(), delimiter, sample + 1);
        List<ColumnGuess> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int c = 0; c < header.size(); c++) {
            List<String> texts = new ArrayList<>();
            for (List<String> row : rows.subList(Math.min(1, rows.size()), rows.size())) {
                texts.add(row.get(c));
            }
            String name = ColumnGuess.identifier(header.get(c));
            String unique = name;
            for (int k = 2; !names.add(unique); k++) {
                unique = name + "_" + k;
            }
            out.add(ColumnGuess.of(header.get(c), unique, texts));
        }
        return out;
    }

    /** The first records of a file as texts, with the reader's RFC 4180 quoting; records of another width are left out. */
    private static List<List<String>> read(Path file, int fields, char delimiter, int limit) {
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < fields; i++) {
            columns.add(Column.of("c" + i, ColumnType.TEXT));
        }
        List<List<String>> rows = new ArrayList<>();
        try (RecordSource in = CsvSource.builder(file).schema(Schema.of(columns)).header(false).delimiter(delimiter)
                .errorBudget(ErrorBudget.UNLIMITED).batchSize(Math.min(limit, 8192)).build()) {
            for (RecordBatch b = in.next(); b != null && rows.size() < limit; b = in.next()) {
                for (int r = 0; r < b.size() && rows.size() < limit; r++) {
                    List<String> row = new ArrayList<>(fields);
                    for (int c = 0; c < fields; c++) {
                        TextVector v = (TextVector) b.column(c);
                        row.add(v.isNull(r) ? null : v.get(r));
                    }
                    rows.add(row);
                }
            }
        }
        if (!rows.isEmpty() && !rows.get(0).isEmpty() && rows.get(0).get(0) != null
                && rows.get(0).get(0).startsWith("\uFEFF")) {
            rows.get(0).set(0, rows.get(0).get(0).substring(1));
        }
        return rows;
    }

    private static int fail(PrintWriter err, @Nullable String message) {
        err.println("kpi init: " + message);
        err.flush();
        return RunCommand.CONFIG_ERROR;
    }
}
