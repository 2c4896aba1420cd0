package io.kpiengine.cli;

import io.kpiengine.base.KpiException;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.DataSource;
import io.kpiengine.data.RecordBatch;
import io.kpiengine.data.RejectedRow;
import io.kpiengine.data.RecordSource;
import io.kpiengine.data.io.ErrorBudget;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code kpi run --check}: checks a catalog against its data files before a long run, without aggregating. For each
 * {@code --data} file it opens the source's reader (which maps the header to the schema: every column the catalog
 * declares must be there, found by name in any order; other columns are ignored) and reads the first N records with
 * the source's formats, counting those that cannot be read and showing the first few with line and reason.
 *
 * Several files of one source are each checked.
 *
 * <p>Exit codes: 0 every header fits and every checked record reads; 1 some checked records cannot be read;
 * 2 a file is missing, a header lacks a column, or {@code --data} names no source of the catalog.
 */
final class CatalogCheck {

    private static final int SHOWN = 5;

    private CatalogCheck() {
    }

    static int run(Catalog catalog, List<Map.Entry<String, Path>> data, int rows, PrintWriter out, PrintWriter err) {
        if (rows < 1) {
            err.println("kpi run: --check-rows must be at least 1, but was " + rows);
            err.flush();
            return RunCommand.CONFIG_ERROR;
        }
        int exit = RunCommand.OK;
        for (DataSource s : catalog.sources()) {
            if (data.stream().noneMatch(d -> d.getKey().equals(s.name()))) {
                out.printf(Locale.ROOT, "source '%s': not checked (no --data %s=FILE)%n", s.name(), s.name());
            }
        }
        for (Map.Entry<String, Path> e : data) {
            DataSource source = catalog.source(e.getKey()).orElse(null);
            if (source == null) {
                err.println("kpi run: --data " + e.getKey() + "=...: the catalog has no data source '" + e.getKey()
                        + "'; its sources are " + catalog.sources().stream().map(DataSource::name).toList());
                exit = RunCommand.CONFIG_ERROR;
                continue;
            }
            if (!Files.isRegularFile(e.getValue())) {
                err.println("kpi run: --data " + e.getKey() + "=" + e.getValue() + ": no such file");
                exit = RunCommand.CONFIG_ERROR;
                continue;
            }
            exit = Math.max(exit, check(source, e.getValue(), rows, out, err));
        }
        out.flush();
        err.flush();
        return exit;
    }

    private static int check(DataSource source, Path file, int rows, PrintWriter out, PrintWriter err) {
        long read = 0;
        long rejected = 0;
        List<RejectedRow> first = new ArrayList<>();
        try (RecordSource in = source.csvReader(file).batchSize(Math.min(rows, 8192))
                .errorBudget(ErrorBudget.UNLIMITED).build()) {
            for (RecordBatch b = in.next(); b != null && read + rejected < rows; b = in.next()) {
                read += b.size();
                for (RejectedRow r : b.rejected()) {
                    rejected++;
                    if (first.size() < SHOWN) {
                        first.add(r);
                    }
                }
            }
        } catch (KpiException | IllegalArgumentException | IllegalStateException e) {
            err.println("kpi run: source '" + source.name() + "': " + e.getMessage());
            return RunCommand.CONFIG_ERROR;
        }
        out.printf(Locale.ROOT, "source '%s': %s fits the catalog (%d columns); first %,d records: %,d read, %,d"
                + " cannot be read%n", source.name(), file, source.schema().size(), read + rejected, read, rejected);
        if (rejected == 0) {
            return RunCommand.OK;
        }
        for (RejectedRow r : first) {
            out.println("  " + r);
        }
        return RunCommand.QUALITY_GATE_FAILED;
    }
}
