package io.kpiengine.cli;

import io.kpiengine.core.KpiEngine;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.DataSource;
import io.kpiengine.core.time.Grain;
import io.kpiengine.data.RecordSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options a command needs to compute the KPIs of a catalog over CSV files, as a picocli mixin: the catalog, one
 * file per data source, threads, grain, date spine and as-of instant, with the same meaning as in {@code kpi run}.
 * A command adds it with {@code @Mixin EngineOptions engine;}.
 */
final class EngineOptions {

    @Option(names = "--catalog", required = true, paramLabel = "FILE", description = "The metric catalog, YAML or JSON.")
    Path catalog;

    @Option(names = "--data", paramLabel = "SOURCE=FILE", description = "The CSV file of a data source; repeat per source.")
    Map<String, Path> data = new LinkedHashMap<>();

    @Option(names = "--threads", paramLabel = "N", description = "Threads per source (default: the processors).")
    Integer threads;

    @Option(names = "--grain", paramLabel = "GRAIN", description = "Override the catalog's grain: ${COMPLETION-CANDIDATES}.",
            completionCandidates = RunCommand.GrainIds.class)
    String grain;

    @Option(names = "--from", paramLabel = "PERIOD", description = "First period of the date spine, e.g. 2025-01-06.")
    String from;

    @Option(names = "--to", paramLabel = "PERIOD", description = "Last period of the date spine, e.g. 2025-12-29.")
    String to;

    @Option(names = "--as-of", paramLabel = "INSTANT", description = "The instant that decides the partial period"
            + " (default: now).")
    String asOf;

    /** The input files: the catalog and every data file. */
    List<Path> inputs() {
        List<Path> out = new java.util.ArrayList<>(data.values());
        out.add(catalog);
        return out;
    }

    /**
     * The clock of {@code --as-of}: fixed at that instant, else the system clock.
     *
     * @throws java.time.format.DateTimeParseException if the instant is malformed
     */
    Clock clock() {
        return asOf == null ? Clock.systemUTC() : Clock.fixed(Instant.parse(asOf), ZoneOffset.UTC);
    }

    /**
     * The engine of the catalog with these options.
     *
     * @throws IllegalArgumentException for a bad grain, period or option combination
     */
    KpiEngine engine(Catalog c) {
        KpiEngine.Builder b = KpiEngine.builder().catalog(c).clock(clock());
        if (threads != null) {
            b.parallelism(threads);
        }
        Grain g = grain == null ? c.grain() : Grain.parse(grain);
        if (grain != null) {
            b.grain(g);
        }
        if (from != null || to != null) {
            if (from == null || to == null) {
                throw new IllegalArgumentException("--from and --to must be given together");
            }
            b.periods(c.calendar().period(g, c.calendar().parse(from).start()),
                    c.calendar().period(g, c.calendar().parse(to).start()));
        }
        return b.build();
    }

    /**
     * Opens a reader per {@code --data} file, into {@code sources} (so that the caller closes them on failure).
     *
     * @throws IllegalArgumentException if a source is not in the catalog or a file does not exist
     */
    void open(Catalog c, Map<String, RecordSource> sources) {
        for (Map.Entry<String, Path> e : data.entrySet()) {
            DataSource source = c.source(e.getKey()).orElseThrow(() -> new IllegalArgumentException(
                    "--data " + e.getKey() + "=...: the catalog has no data source '" + e.getKey() + "'; its sources"
                            + " are " + c.sources().stream().map(DataSource::name).toList()));
            if (!Files.isRegularFile(e.getValue())) {
                throw new IllegalArgumentException("--data " + e.getKey() + "=" + e.getValue() + ": no such file");
            }
            sources.put(e.getKey(), source.csvReader(e.getValue()).build());
        }
    }
}
