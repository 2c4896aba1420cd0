package io.kpiengine.cli;

import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.CatalogException;
import io.kpiengine.core.metric.DataSource;
import io.kpiengine.data.RecordSource;
import io.kpiengine.data.doc.DocumentException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the commands that compute a catalog's KPIs read the same way: the catalog and the data files. */
final class CommandInputs {

    private CommandInputs() {
    }

    /**
     * Reads a catalog, or prints why it cannot be read.
     *
     * @param file the catalog document
     * @param command the command's name, for the messages
     * @param err where the problems go
     * @return the catalog, or null when it is invalid or unreadable (the reason printed)
     */
    static Catalog catalog(Path file, String command, PrintWriter err) {
        try {
            return Catalog.read(file);
        } catch (CatalogException e) {
            err.println("kpi " + command + ": " + file + " is not a valid catalog (" + e.problems().size() + " problem"
                    + (e.problems().size() == 1 ? "" : "s") + "):");
            e.problems().forEach(err::println);
        } catch (DocumentException | UncheckedIOException e) {
            err.println("kpi " + command + ": " + e.getMessage());
        }
        err.flush();
        return null;
    }

    /**
     * Opens the CSV reader of one {@code --data SOURCE=FILE}.
     *
     * @param c the catalog
     * @param source the source name
     * @param file the file
     * @return the reader
     * @throws IllegalArgumentException if the catalog has no such source or the file does not exist
     */
    static RecordSource open(Catalog c, String source, Path file) {
        DataSource s = c.source(source).orElseThrow(() -> new IllegalArgumentException("--data " + source
                + "=...: the catalog has no data source '" + source + "'; its sources are "
                + c.sources().stream().map(DataSource::name).toList()));
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--data " + source + "=" + file + ": no such file");
        }
        return s.csvReader(file).build();
    }
}
