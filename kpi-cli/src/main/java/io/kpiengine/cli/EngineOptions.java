package io.kpiengine.cli;

import io.kpiengine.core.KpiEngine;
import io.kpiengine.core.KpiInputs;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.DataSource;
import io.kpiengine.core.time.Grain;
import io.kpiengine.core.time.Period;
import io.kpiengine.data.RecordSource;
import io.kpiengine.data.io.ErrorBudget;
import io.kpiengine.data.io.internal.FileStamp;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The options a command needs to compute the KPIs of a catalog over CSV files, as a picocli mixin, with the same
 * meaning as in {@code kpi run}: the catalog, the data files (several per source, read in the order given), threads,
 * grain, date spine, as-of instant, partial windows, error budget, the cap on periods and replays. A command adds it
 * with {@code @Mixin EngineOptions engine;}.
 *
 * <p>What it guarantees every command that uses it (issue "trust by default"): no {@code --data} file is dropped
 * (a source given twice reads both files); each file is identified by the SHA-256 of its content, so a state that
 * already absorbed it refuses it again unless {@code --allow-replay}; a file that changes while it is read fails the
 * run before anything is written; and {@link #inputs()} lists every input for the same-file check of the outputs.
 */
final class EngineOptions {

    @Option(names = "--catalog", required = true, paramLabel = "FILE", description = "The metric catalog, YAML or JSON.")
    @SuppressWarnings("NullAway.Init") // required: picocli sets it
    Path catalog;

    @Option(names = "--data", paramLabel = "SOURCE=FILE", description = "A CSV file of a data source; repeat per"
            + " source. Several files of one source are read in the order given, each like a resumed run.")
    List<String> data = new ArrayList<>();

    @Option(names = "--threads", paramLabel = "N", description = "Threads per source (default: the processors).")
    @Nullable Integer threads;

    @Option(names = "--grain", paramLabel = "GRAIN", description = "Override the catalog's grain: ${COMPLETION-CANDIDATES}.",
            completionCandidates = RunCommand.GrainIds.class)
    @Nullable String grain;

    @Option(names = "--from", paramLabel = "PERIOD", description = "First period of the date spine, e.g. 2025-01-06.")
    @Nullable String from;

    @Option(names = "--to", paramLabel = "PERIOD", description = "Last period of the date spine, e.g. 2025-12-29.")
    @Nullable String to;

    @Option(names = "--as-of", paramLabel = "INSTANT", description = "The instant that decides the partial period"
            + " (default: now).")
    @Nullable String asOf;

    @Option(names = "--partial-windows", description = "Let trailing and to_date windows that start before the"
            + " data merge the periods that have data (default: such windows have no value, INCOMPLETE_WINDOW).")
    boolean partialWindows;

    @Option(names = "--error-budget", paramLabel = "SHARE", description = "The share of a source's records (without"
            + " quality rules) that may be unreadable before its gate fails, e.g. 1%% or 0.05 (default: 1%%).")
    @Nullable String errorBudget;

    @Option(names = "--max-periods", paramLabel = "N", description = "The most periods of the date spine (default:"
            + " " + KpiEngine.DEFAULT_MAX_PERIODS + ").")
    @Nullable Integer maxPeriods;

    @Option(names = "--allow-replay", description = "Absorb a data file that the state has already absorbed, or the"
            + " same content twice (default: refused, exit 2).")
    boolean allowReplay;

    /** One {@code --data SOURCE=FILE}. */
    record DataFile(String source, Path file, String option) {
    }

    /**
     * The {@code --data} options, in order; several may name one source.
     *
     * @throws IllegalArgumentException for a malformed option or a file that is missing or not a regular file
     */
    List<DataFile> dataFiles() {
        return dataFiles(data);
    }

    /**
     * Parses {@code --data SOURCE=FILE} options (of any command), in order; several may name one source.
     *
     * @throws IllegalArgumentException for a malformed option or a file that is missing or not a regular file
     */
    static List<DataFile> dataFiles(List<String> options) {
        List<DataFile> out = new ArrayList<>();
        for (String d : options) {
            int eq = d.indexOf('=');
            if (eq <= 0 || eq == d.length() - 1) {
                throw new IllegalArgumentException("--data must be SOURCE=FILE, e.g. --data events=events.csv, but"
                        + " was '" + d + "'");
            }
            String source = d.substring(0, eq);
            Path file = Path.of(d.substring(eq + 1));
            String option = "--data " + source + "=" + file;
            RunCommand.requireRegularFile(option, file);
            out.add(new DataFile(source, file, option));
        }
        return out;
    }

    /**
     * The input files (the catalog and every data file), for the check that no output is one of them.
     *
     * @throws IllegalArgumentException if the catalog or a data file is missing or a directory
     */
    List<OutputFiles.Named> inputs() {
        RunCommand.requireReadable("--catalog " + catalog, catalog);
        List<OutputFiles.Named> in = new ArrayList<>();
        in.add(new OutputFiles.Named("--catalog", catalog));
        dataFiles().forEach(f -> in.add(new OutputFiles.Named("--data " + f.source() + "=", f.file())));
        return in;
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
     * @throws IllegalArgumentException for a bad grain, period, share or option combination
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
        if (partialWindows) {
            b.partialWindows(true);
        }
        if (errorBudget != null) {
            b.errorBudget(ErrorBudget.maxFraction(RunCommand.share(errorBudget), 0));
        }
        if (maxPeriods != null) {
            b.maxPeriods(maxPeriods);
        }
        periods(b, c, g, from, to);
        return b.build();
    }

    /**
     * Fixes the output periods of {@code --from} and {@code --to} (of any command): both or neither, each parsed in
     * the catalog's calendar and taken at the engine's grain (as given for the whole range).
     *
     * @throws IllegalArgumentException if only one is given or a period cannot be parsed
     */
    static void periods(KpiEngine.Builder b, Catalog c, Grain g, @Nullable String from,
            @Nullable String to) {
        if (from == null && to == null) {
            return;
        }
        if (from == null || to == null) {
            throw new IllegalArgumentException("--from and --to must be given together (the date spine is fixed at"
                    + " both ends or at none), but only " + (from != null ? "--from " + from : "--to " + to)
                    + " was given: add " + (from == null ? "--from, the first period" : "--to, the last period")
                    + ", written like it");
        }
        Period first = c.calendar().parse(from);
        Period last = c.calendar().parse(to);
        if (g == Grain.WHOLE_RANGE) {
            b.periods(first, last);
        } else {
            b.periods(c.calendar().period(g, first.start()), c.calendar().period(g, last.start()));
        }
    }

    /**
     * Reads every {@code --data} file and computes the KPIs, resuming from a state when one is given: each file is
     * digested first (its input id), read in the order given, and checked afterwards for changes made while it was
     * read. The engine closes each reader once it has read it; on a failure, every reader is closed here.
     *
     * @param c the catalog
     * @param engine the engine of {@link #engine(Catalog)}
     * @param state the bytes of a saved state to resume from, or null
     * @return the results
     * @throws IllegalArgumentException if a source is not in the catalog, a file changed while it was read, or a
     *     file's content was already absorbed (without {@code --allow-replay})
     * @throws io.kpiengine.base.KpiException for bad data, a bad state or a replay refused by the engine
     */
    KpiResults evaluate(Catalog c, KpiEngine engine, byte @Nullable [] state) {
        KpiInputs.Builder inputs = KpiInputs.builder();
        List<RecordSource> opened = new ArrayList<>();
        Map<Path, FileStamp> stamps = new LinkedHashMap<>();
        List<DataFile> files = dataFiles();
        try (InputDigest.Background digests = InputDigest.Background.start(files)) {
            for (int i = 0; i < files.size(); i++) {
                DataFile f = files.get(i);
                DataSource source = c.source(f.source()).orElseThrow(() -> new IllegalArgumentException(
                        f.option() + ": the catalog has no data source '" + f.source() + "'; its sources are "
                                + c.sources().stream().map(DataSource::name).toList()));
                InputDigest digest = digests.get(i);
                stamps.putIfAbsent(f.file(), digest.stamp());
                RecordSource reader = source.csvReader(f.file()).build();
                opened.add(reader);
                inputs.add(f.source(), reader, digest.id());
            }
            if (allowReplay) {
                inputs.allowReplay(true);
            }
            KpiResults results = state == null ? engine.evaluate(inputs.build())
                    : engine.evaluate(engine.restore(state), inputs.build());
            for (Map.Entry<Path, FileStamp> e : stamps.entrySet()) {
                String change = e.getValue().changeSince();
                if (change != null) {
                    throw new IllegalArgumentException(e.getKey() + ": the file changed while it was read (" + change
                            + "); nothing was written: run again once nothing writes to it");
                }
            }
            return results;
        } catch (RuntimeException e) {
            opened.forEach(RecordSource::close);
            throw e;
        }
    }
}
