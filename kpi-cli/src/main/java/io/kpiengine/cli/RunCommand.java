package io.kpiengine.cli;

import io.kpiengine.base.KpiException;
import io.kpiengine.core.KpiEngine;
import io.kpiengine.core.KpiInputs;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.QualityVerdict;
import io.kpiengine.core.SourceAccount;
import io.kpiengine.core.AggregationState;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.CatalogException;
import io.kpiengine.core.metric.DataSource;
import io.kpiengine.core.metric.GroupingSets;
import io.kpiengine.core.time.Grain;
import io.kpiengine.core.time.Period;
import io.kpiengine.data.RecordSource;
import io.kpiengine.data.RejectedRow;
import io.kpiengine.data.doc.DocumentException;
import io.kpiengine.data.doc.Problem;
import io.kpiengine.data.io.ErrorBudget;
import io.kpiengine.data.io.internal.FileStamp;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import org.jspecify.annotations.Nullable;

/**
 * {@code kpi run}: computes every KPI of a catalog over data files and writes the result table as JSON or CSV
 * (schema: {@code docs/results.md}).
 *
 * <pre>
 * kpi run --catalog catalog.yaml --data events=events.csv --out results.json
 * 35,136 cells of 6 metrics over 366 periods (2025-01-01 to 2026-01-01); quality PASS; wrote results.json
 * </pre>
 *
 * <p>Records that were not aggregated are never silent: the summary line counts them, and standard error shows,
 * per source, how many records its reader could not read and how many its quality rules quarantined, with the
 * first of them ({@code file:line: column, value and rule}). {@code --rejected FILE} writes every record the
 * readers rejected as CSV ({@code source,line,reason,record}).
 *
 * <p>Each {@code --data name=file} gives a CSV file of a data source of the catalog (read with the source's
 * schema, formats and quality rules); several files of one source are read in the order given, each like a resumed
 * run. {@code --state-in} resumes from the state a previous run saved with {@code --state-out}, so a daily job reads
 * only the new day's file; the state records the SHA-256 of every file it absorbed and the run refuses one it
 * already holds ({@code --allow-replay} overrides).
 *
 * <p>Every output ({@code --out}, {@code --rejected}, {@code --state-out}) is written to a temporary file and
 * renamed over its target only when the run succeeded ({@link OutputFiles}); an output that is the same file as an
 * input is refused. A source without quality rules fails its gate when more than {@code --error-budget} (1%) of its
 * records could not be read.
 *
 * <p>Exit codes: 0 results written, quality gate passed or warned; 1 results written but a source failed its
 * quality gate, or none of a source's records could be aggregated; 2 nothing written: usage or configuration error
 * (bad option, unreadable or invalid catalog, unknown source, missing file, an output over an input, a state from
 * another catalog or corrupt, an input already absorbed, an input that changed while it was read, a date spine over
 * {@code --max-periods}, a failed write), with the reason on standard error.
 */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = KpiCli.Version.class,
        description = {"Compute every KPI of a catalog over data files and write the results (JSON or CSV).",
            "Exit codes: 0 done, 1 quality gate failed (a source without rules: more than --error-budget of its"
                + " records unreadable) or a source without one usable record (results still written), 2 usage or"
                + " configuration error, nothing written."})
final class RunCommand implements Callable<Integer> {

    /** Exit code when results were written and no source failed its quality gate. */
    public static final int OK = 0;
    /** Exit code when results were written but a source failed its quality gate. */
    public static final int QUALITY_GATE_FAILED = 1;
    /** Exit code for usage and configuration errors. */
    public static final int CONFIG_ERROR = 2;

    @Spec
    private CommandSpec spec;

    @Option(names = "--catalog", required = true, paramLabel = "FILE", description = "The metric catalog, YAML or JSON.")
    private Path catalog;

    @Option(names = "--data", paramLabel = "SOURCE=FILE", description = "A CSV file of a data source; repeat per"
            + " source. Several files of one source are read in the order given, each like a resumed run.")
    private List<String> data = new ArrayList<>();

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the results: a .json or .csv file;"
            + " repeat for several files (the data is read once).")
    private List<Path> outs = new ArrayList<>();

    @Option(names = "--by", paramLabel = "SETS", description = "Grouping sets: region,category (one set), total,"
            + " rollup(region,category), cube(region,segment); repeat for more sets. Metrics are reported in every"
            + " set they may be sliced by (sliceBy).")
    private List<String> by = new ArrayList<>();

    @Option(names = "--state-grain", paramLabel = "GRAIN", description = "Keep the aggregation state at a finer"
            + " grain than --grain (e.g. day for monthly results), so that --state-out answers every coarser grain.",
            completionCandidates = GrainIds.class)
    private String stateGrain;

    @Option(names = "--metadata", description = "CSV: add the columns unit, owner, direction, tier, target and"
            + " targetStatus (JSON always has them, once per metric).")
    private boolean metadata;

    @Option(names = "--check", description = "Check the catalog against each --data file's header and first records"
            + " (--check-rows) without aggregating; writes no results.")
    private boolean check;

    @Option(names = "--check-rows", paramLabel = "N", defaultValue = "1000",
            description = "Records --check reads per file (default: ${DEFAULT-VALUE}).")
    private int checkRows;

    @Option(names = "--threads", paramLabel = "N", description = "Threads per source (default: the processors).")
    private Integer threads;

    @Option(names = "--grain", paramLabel = "GRAIN", description = "Override the catalog's grain: ${COMPLETION-CANDIDATES}.",
            completionCandidates = GrainIds.class)
    private String grain;

    @Option(names = "--from", paramLabel = "PERIOD", description = "First period of the date spine, e.g. 2025-03-01.")
    private String from;

    @Option(names = "--to", paramLabel = "PERIOD", description = "Last period of the date spine, e.g. 2025-03-31.")
    private String to;

    @Option(names = "--partial-windows", description = "Let trailing and to_date windows that start before the"
            + " data merge the periods that have data (default: such windows have no value, INCOMPLETE_WINDOW).")
    private boolean partialWindows;

    @Option(names = "--as-of", paramLabel = "INSTANT",
            description = "The instant that decides the partial period, e.g. 2025-03-14T12:00:00Z (default: now).")
    private String asOf;

    @Option(names = "--state-in", paramLabel = "FILE", description = "Resume from a state saved by --state-out.")
    private Path stateIn;

    @Option(names = "--state-out", paramLabel = "FILE", description = "Save the aggregation state to resume from"
            + " (it may be the --state-in file: it is replaced only when the run succeeded).")
    private Path stateOut;

    @Option(names = "--rejected", paramLabel = "FILE", description = "CSV file for every record a reader could not"
            + " read (source,line,reason,record); the console shows the first few.")
    private Path rejected;

    @Option(names = "--allow-replay", description = "Absorb a data file that the --state-in state has already"
            + " absorbed (same content), counting its records twice (default: refused, exit 2).")
    private boolean allowReplay;

    @Option(names = "--error-budget", paramLabel = "SHARE", description = "The share of a source's records (without"
            + " quality rules) that may be unreadable before its gate fails, e.g. 1%% or 0.05 (default: 1%%).")
    private String errorBudget;

    @Option(names = "--max-periods", paramLabel = "N", description = "The most periods of the date spine (default:"
            + " " + KpiEngine.DEFAULT_MAX_PERIODS + ").")
    private Integer maxPeriods;

    /** Creates the command; picocli sets the options. */
    @SuppressWarnings("NullAway.Init") // picocli sets the options before call(); an optional one left out is null there
    public RunCommand() {
    }

    /** One {@code --data SOURCE=FILE}. */

    /**
     * Runs the command.
     *
     * @return the exit code
     */
    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (outs.isEmpty() && !check) {
            return fail(err, "--out FILE is required (or --check to only check the catalog against the data)");
        }
        for (Path out : outs) {
            String badName = OutputFiles.extensionProblem("--out", out, ".json", ".csv");
            if (badName != null) {
                return fail(err, badName);
            }
        }
        List<EngineOptions.DataFile> files;
        try {
            files = dataFiles();
            checkOutputs(files);
        } catch (IllegalArgumentException e) {
            return fail(err, e.getMessage());
        }
        try (InputDigest.Background digests = InputDigest.Background.start(check ? List.of() : files)) {
            return run(files, digests, stdout, err);
        }
    }

    /** The run once the options are checked, with the data files being digested in the background. */
    // "try": the reject log is closed inside its try so that its file is complete before the outputs are committed
    // (its second close, by the try, does nothing)
    @SuppressWarnings("try")
    private int run(List<EngineOptions.DataFile> files, InputDigest.Background digests, PrintWriter stdout,
            PrintWriter err) {
        Catalog c;
        try {
            c = Catalog.read(catalog);
        } catch (CatalogException e) {
            List<Problem> problems = e.problems();
            err.println("kpi run: " + catalog + " is not a valid catalog (" + problems.size() + " problem"
                    + (problems.size() == 1 ? "" : "s") + "):");
            problems.forEach(err::println);
            err.flush();
            return CONFIG_ERROR;
        } catch (DocumentException | UncheckedIOException e) {
            return fail(err, e.getMessage());
        }
        if (check) {
            List<Map.Entry<String, Path>> checked = new ArrayList<>();
            files.forEach(f -> checked.add(Map.entry(f.source(), f.file())));
            return CatalogCheck.run(c, checked, checkRows, stdout, err);
        }
        KpiEngine engine;
        try {
            engine = engine(c);
        } catch (IllegalArgumentException | IllegalStateException | DateTimeParseException | KpiException e) {
            return fail(err, e.getMessage());
        }
        KpiInputs.Builder inputs = KpiInputs.builder();
        List<RecordSource> opened = new ArrayList<>();
        Map<Path, FileStamp> stamps = new LinkedHashMap<>();
        Path writing = stateOut;
        try (OutputFiles outputs = new OutputFiles(); RejectLog log = new RejectLog(outputs, rejected)) {
            for (int i = 0; i < files.size(); i++) {
                EngineOptions.DataFile f = files.get(i);
                DataSource source = c.source(f.source()).orElseThrow(() -> new IllegalArgumentException(
                        f.option() + ": the catalog has no data source '" + f.source() + "'; its sources are "
                                + c.sources().stream().map(DataSource::name).toList()));
                InputDigest digest = digests.get(i);
                stamps.putIfAbsent(f.file(), digest.stamp());
                RecordSource reader = log.watch(f.source(), source.csvReader(f.file()).build());
                opened.add(reader);
                inputs.add(f.source(), reader, digest.id());
            }
            if (allowReplay) {
                inputs.allowReplay(true);
            }
            KpiResults results;
            if (stateIn != null) {
                AggregationState previous = engine.restore(readState(stateIn));
                results = engine.evaluate(previous, inputs.build());
            } else {
                results = engine.evaluate(inputs.build());
            }
            for (Map.Entry<Path, FileStamp> e : stamps.entrySet()) {
                String change = e.getValue().changeSince();
                if (change != null) {
                    throw new IllegalArgumentException(e.getKey() + ": the file changed while it was read (" + change
                            + "); nothing was written: run again once nothing writes to it");
                }
            }
            for (Path out : outs) {
                writing = out;
                boolean json = OutputFiles.hasExtension(out, ".json");
                try (Utf8Out w = new Utf8Out(outputs.stream(out))) {
                    if (json) {
                        ResultsFormat.json(c, engine, results, w);
                    } else {
                        ResultsFormat.csv(results, c, metadata, engine.groupingSets().isPresent(), w);
                    }
                }
            }
            writing = null;
            log.close();
            if (stateOut != null) {
                outputs.write(stateOut, results.state().toBytes());
            }
            outputs.commit();
            summarize(stdout, results);
            boolean unusable = reportRejected(err, results, log);
            results.warnings().forEach(w -> err.println("kpi run: warning: " + w));
            err.flush();
            return results.quality().verdict() == QualityVerdict.FAIL || unusable ? QUALITY_GATE_FAILED : OK;
        } catch (IllegalArgumentException | IllegalStateException | KpiException e) {
            opened.forEach(RecordSource::close);
            return fail(err, e.getMessage());
        } catch (IOException e) {
            opened.forEach(RecordSource::close);
            String message = e.getMessage();
            return fail(err, message != null && message.startsWith("cannot ") ? message
                    : "cannot write " + (writing != null ? writing : stateOut) + ": " + OutputFiles.reason(e));
        } catch (UncheckedIOException e) {
            opened.forEach(RecordSource::close);
            return fail(err, e.getMessage());
        }
    }

    /** The {@code --data} options, in order; several may name one source. */
    private List<EngineOptions.DataFile> dataFiles() {
        return EngineOptions.dataFiles(data);
    }

    /** Refuses a missing input, a directory, a device or a pipe, saying which. */
    static void requireRegularFile(String option, Path file) {
        if (Files.isRegularFile(file)) {
            return;
        }
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(option + ": no such file");
        }
        throw new IllegalArgumentException(option + ": is not a regular file (" + (Files.isDirectory(file)
                ? "a directory" : "a device or a pipe") + "); give the path of a file");
    }

    /**
     * Refuses a missing document or a directory; a document may come from a pipe or device (the document reader
     * stops at its size limit, so {@code /dev/zero} is refused after 4 MiB).
     */
    static void requireReadable(String option, Path file) {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(option + ": no such file");
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(option + ": is a directory; give the path of a file");
        }
    }

    /** Refuses an output that is the same file as an input or another output. */
    private void checkOutputs(List<EngineOptions.DataFile> files) {
        requireReadable("--catalog " + catalog, catalog);
        List<OutputFiles.Named> in = new ArrayList<>();
        in.add(new OutputFiles.Named("--catalog", catalog));
        files.forEach(f -> in.add(new OutputFiles.Named("--data " + f.source() + "=", f.file())));
        if (stateIn != null) {
            requireRegularFile("--state-in " + stateIn, stateIn);
            in.add(new OutputFiles.Named("--state-in", stateIn));
        }
        List<OutputFiles.Named> written = new ArrayList<>();
        outs.forEach(o -> written.add(new OutputFiles.Named("--out", o)));
        if (stateOut != null) {
            written.add(new OutputFiles.Named("--state-out", stateOut));
        }
        if (rejected != null) {
            written.add(new OutputFiles.Named("--rejected", rejected));
        }
        OutputFiles.checkDistinct(in, written, List.of(List.of("--state-in", "--state-out")));
    }

    /** The bytes of a state file (a regular file, checked before). */
    private static byte[] readState(Path file) throws IOException {
        long size = Files.size(file);
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "--state-in %s: the file has %,d bytes,"
                    + " more than a state can have (2 GiB)", file, size));
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read --state-in " + file + ": " + OutputFiles.reason(e), e);
        }
    }

    private KpiEngine engine(Catalog c) {
        KpiEngine.Builder b = KpiEngine.builder().catalog(c);
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
        if (asOf != null) {
            b.clock(Clock.fixed(Instant.parse(asOf), ZoneOffset.UTC));
        }
        if (stateGrain != null) {
            b.stateGrain(Grain.parse(stateGrain));
        }
        if (!by.isEmpty()) {
            GroupingSets sets = GroupingSets.parse(by.get(0));
            for (String more : by.subList(1, by.size())) {
                sets = sets.and(GroupingSets.parse(more));
            }
            b.groupingSets(sets);
        }
        if (errorBudget != null) {
            b.errorBudget(ErrorBudget.maxFraction(share(errorBudget), 0));
        }
        if (maxPeriods != null) {
            b.maxPeriods(maxPeriods);
        }
        EngineOptions.periods(b, c, g, from, to);
        return b.build();
    }

    private void summarize(PrintWriter stdout, KpiResults r) {
        java.util.TreeSet<Period> periods = new java.util.TreeSet<>();
        r.rows().forEach(x -> periods.add(x.period()));
        String range = periods.isEmpty() ? "no periods" : plural(periods.size(), "period") + " (" + periods.first()
                + (periods.size() == 1 ? "" : " to " + periods.last()) + ")";
        long notAggregated = 0;
        for (SourceAccount a : r.quality().sources()) {
            notAggregated += a.rowsRejected();
        }
        String rejects = notAggregated == 0 ? "" : "; " + plural(notAggregated, "record") + " rejected";
        stdout.println(plural(r.rows().size(), "cell") + " of " + plural(r.metrics().size(), "metric") + " over "
                + range + rejects + "; quality " + r.quality().verdict() + "; wrote "
                + String.join(", ", outs.stream().map(Path::toString).toList()));
        stdout.flush();
    }

    /**
     * Per source: the records its reader rejected and those its rules quarantined, with the first of them.
     *
     * @return true if a source had records but none of them was aggregated
     */
    private static boolean reportRejected(PrintWriter err, KpiResults r, RejectLog log) {
        boolean unusable = false;
        for (SourceAccount a : r.quality().sources()) {
            long read = log.count(a.source());
            long total = a.rowsAggregated() + a.rowsRejected() + a.rowsMerged();
            if (read > 0) {
                err.printf(Locale.ROOT, "kpi run: source '%s': %,d of %,d records could not be read and were not"
                        + " aggregated; the first:%n", a.source(), read, total);
                for (RejectedRow row : log.first(a.source())) {
                    err.println("  " + row);
                }
                err.println(log.path() != null ? "  every one is in " + log.path()
                        : "  --rejected FILE writes every one of them");
            }
            long quarantined = a.rowsRejected() - read;
            if (quarantined > 0) {
                err.printf(Locale.ROOT, "kpi run: source '%s': %,d of %,d records were quarantined by its quality"
                        + " rules; the first:%n", a.source(), quarantined, total);
                a.qualityReport().ifPresent(q -> q.quarantined().items().stream()
                        .filter(x -> !x.rule().equals("read")).limit(RejectLog.SHOWN)
                        .forEach(x -> err.println("  row " + x.row() + ": " + x.reason())));
                err.println("  kpi clean with the source's rules writes every one of them (--quarantine FILE)");
            }
            if (a.rowsAggregated() == 0 && a.rowsRejected() > 0) {
                unusable = true;
                err.printf(Locale.ROOT, "kpi run: source '%s': none of its %,d records was aggregated, so its metrics"
                        + " have no data: exit code %d%n", a.source(), total, QUALITY_GATE_FAILED);
            }
        }
        return unusable;
    }

    /** A share given as {@code 1%} or {@code 0.01}. */
    static double share(String text) {
        String t = text.strip();
        boolean percent = t.endsWith("%");
        double v;
        try {
            v = Double.parseDouble(percent ? t.substring(0, t.length() - 1).strip() : t);
        } catch (NumberFormatException e) {
            v = Double.NaN;
        }
        if (percent) {
            v /= 100;
        }
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException("--error-budget must be a share from 0 to 1 or 0% to 100%, e.g. 1% or"
                    + " 0.05, but was '" + text + "'");
        }
        return v;
    }

    /** {@code 1 cell}, {@code 2 cells}, {@code 35,136 cells}. */
    private static String plural(long n, String noun) {
        return grouped(n) + " " + noun + (n == 1 ? "" : "s");
    }

    /**
     * A count with a comma between groups of three digits, as {@code String.format(Locale.ROOT, "%,d", n)} (which
     * loads the locale machinery, a noticeable part of a short run's start).
     */
    static String grouped(long n) {
        String digits = Long.toString(n);
        int sign = n < 0 ? 1 : 0;
        int len = digits.length() - sign;
        if (len <= 3) {
            return digits;
        }
        StringBuilder sb = new StringBuilder(digits.length() + len / 3).append(digits, 0, sign);
        for (int i = 0; i < len; i++) {
            if (i > 0 && (len - i) % 3 == 0) {
                sb.append(',');
            }
            sb.append(digits.charAt(sign + i));
        }
        return sb.toString();
    }

    private static int fail(PrintWriter err, @Nullable String message) {
        err.println("kpi run: " + message);
        err.flush();
        return CONFIG_ERROR;
    }

    /** The grain ids, for help and completion. */
    static final class GrainIds extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        GrainIds() {
            super(Grain.ids());
        }
    }
}
