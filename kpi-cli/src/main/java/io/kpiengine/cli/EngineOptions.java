package io.kpiengine.cli;

import io.kpiengine.core.KpiEngine;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.time.Grain;
import io.kpiengine.data.RecordSource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options of the commands that compute a catalog's KPIs over data files and track them ({@code kpi track},
 * {@code kpi report}), as a picocli mixin: the catalog, the data files, threads, grain and the as-of instant, and
 * the engine, clock and readers they give.
 */
final class EngineOptions {

    @Option(names = "--catalog", required = true, paramLabel = "FILE", description = "The metric catalog, YAML or JSON.")
    Path catalog;

    @Option(names = "--data", paramLabel = "SOURCE=FILE", description = "The CSV file of a data source; repeat per source.")
    Map<String, Path> data = new LinkedHashMap<>();

    @Option(names = "--threads", paramLabel = "N", description = "Threads (default: the processors).")
    Integer threads;

    @Option(names = "--grain", paramLabel = "GRAIN", description = "Override the catalog's grain.")
    String grain;

    @Option(names = "--as-of", paramLabel = "INSTANT", description = "The instant that decides the partial period and"
            + " the as-of date of overdue plans and reviews, e.g. 2025-07-01T00:00:00Z (default: now).")
    String asOf;

    /**
     * Reads the catalog, or prints why it cannot be read.
     *
     * @param command the command's name, for the messages
     * @param err where the problems go
     * @return the catalog, or null (the reason printed)
     */
    Catalog catalog(String command, PrintWriter err) {
        return CommandInputs.catalog(catalog, command, err);
    }

    /**
     * The clock of {@code --as-of}.
     *
     * @return a fixed clock, or the system clock
     * @throws java.time.format.DateTimeParseException if the instant is malformed
     */
    Clock clock() {
        return asOf == null ? Clock.systemUTC() : Clock.fixed(Instant.parse(asOf), ZoneOffset.UTC);
    }

    /**
     * The engine of these options.
     *
     * @param c the catalog
     * @param clock the clock
     * @return the engine
     */
    KpiEngine engine(Catalog c, Clock clock) {
        KpiEngine.Builder eb = KpiEngine.builder().catalog(c).clock(clock);
        if (threads != null) {
            eb.parallelism(threads);
        }
        if (grain != null) {
            eb.grain(Grain.parse(grain));
        }
        return eb.build();
    }

    /**
     * Opens the reader of every {@code --data}.
     *
     * @param c the catalog
     * @param opened receives every reader opened, to close on failure
     * @return the readers by source name
     */
    Map<String, RecordSource> sources(Catalog c, List<RecordSource> opened) {
        Map<String, RecordSource> sources = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : data.entrySet()) {
            RecordSource reader = CommandInputs.open(c, e.getKey(), e.getValue());
            opened.add(reader);
            sources.put(e.getKey(), reader);
        }
        return sources;
    }
}
