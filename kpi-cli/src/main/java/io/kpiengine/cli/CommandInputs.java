package io.kpiengine.cli;

import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.CatalogException;
import io.kpiengine.data.doc.DocumentException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** How the commands that track a catalog's KPIs read the catalog, with every problem on standard error. */
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
    static @Nullable Catalog catalog(Path file, String command, PrintWriter err) {
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
}
