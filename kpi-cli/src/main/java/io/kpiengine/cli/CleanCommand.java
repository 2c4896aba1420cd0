package io.kpiengine.cli;

import io.kpiengine.data.RecordBatch;
import io.kpiengine.data.RejectedRow;
import io.kpiengine.data.doc.internal.DocNode;
import io.kpiengine.data.doc.internal.DocumentReader;
import io.kpiengine.data.doc.internal.Problems;
import io.kpiengine.data.io.CsvSource;
import io.kpiengine.data.io.ErrorBudgetExceededException;
import io.kpiengine.quality.CleanedSource;
import io.kpiengine.quality.Cleaner;
import io.kpiengine.quality.GateStatus;
import io.kpiengine.quality.QualityReport;
import io.kpiengine.quality.QualityRules;
import io.kpiengine.quality.internal.RulesDocument;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.jspecify.annotations.Nullable;

/**
 * {@code kpi clean}: cleans a CSV file with a rules file and writes the clean rows, the quarantined records and
 * the report.
 *
 * <pre>
 * kpi clean --rules rules.yaml --data in.csv --out clean.csv --quarantine rejected.csv --report report.json
 * </pre>
 *
 * <p>The rules file holds {@code rules} (the consistency rules, see {@link QualityRules#read}) and optionally
 * {@code input}, how to read the CSV: {@code columns} (name to type) and {@code csv} (delimiter, quote, header,
 * charset, headerNames, defaultFormat, formats), as a data source of the metric catalog. Without
 * {@code input.columns} the column types are inferred from the header and the first 1,000 records.
 *
 * <p>The outputs ({@code --out}, {@code --quarantine}, {@code --report}) are written to temporary files and replace
 * their targets only when the whole file was cleaned: a failure, a full disk or a SIGTERM leaves the previous
 * files as they were (see {@link OutputFiles}). An output that is the same file as {@code --data} or
 * {@code --rules}, or as another output, is refused (exit 2).
 *
 * <p>Exit code 0 when the report's gate passes or warns, 1 when it fails (or the CSV reader's error budget is
 * exceeded: then nothing is written), 2 for a usage or configuration error (message on stderr). A progress line goes to stderr while a
 * file takes longer than 3 seconds. A one-line summary goes to stdout.
 */
@Command(name = "clean", mixinStandardHelpOptions = true, versionProvider = KpiCli.Version.class,
        description = "Cleans a CSV file with data-quality rules: clean rows, quarantined rows, a JSON report.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:the quality gate passed or warned", "1:the quality gate failed, or too many unreadable records",
            "2:usage or configuration error (message on stderr)"})
final class CleanCommand implements Callable<Integer> {

    @Option(names = "--rules", required = true, paramLabel = "FILE", description = "rules file (YAML or JSON)")
    private Path rules;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "input CSV file")
    private Path data;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "clean CSV file to write")
    private Path out;

    @Option(names = "--quarantine", paramLabel = "FILE",
            description = "CSV file for quarantined and unreadable records (source,line,reason,record: the raw line"
                    + " of an unreadable record, the values of a quarantined row)")
    private Path quarantine;

    @Option(names = "--report", paramLabel = "FILE", description = "JSON report file")
    private Path report;

    @Option(names = "--progress-after", paramLabel = "SECONDS", defaultValue = "3", hidden = true,
            description = "seconds before the progress line appears")
    private int progressAfter;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Creates the command; picocli sets the options. */
    @SuppressWarnings("NullAway.Init") // picocli sets the options before call(); an optional one left out is null there
    public CleanCommand() {
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        RunCommand.requireReadable("--rules " + rules, rules);
        RunCommand.requireRegularFile("--data " + data, data);
        List<OutputFiles.Named> outputs = new ArrayList<>();
        outputs.add(new OutputFiles.Named("--out", out));
        if (quarantine != null) {
            outputs.add(new OutputFiles.Named("--quarantine", quarantine));
        }
        if (report != null) {
            outputs.add(new OutputFiles.Named("--report", report));
        }
        OutputFiles.checkDistinct(List.of(new OutputFiles.Named("--rules", rules), new OutputFiles.Named("--data",
                data)), outputs, List.of());
        DocNode root = DocumentReader.read(rules);
        Problems problems = new Problems(rules.toString());
        io.kpiengine.data.doc.internal.Fields f = io.kpiengine.data.doc.internal.Fields.of(root, problems, "rules file", "rules",
                "input");
        DocNode section = f.required("rules");
        QualityRules qr = section == null ? null : RulesDocument.readSection(section, problems);
        CleanInput input = CleanInput.read(f.object("input"), problems);
        problems.throwIfAny();
        AtomicLong rows = new AtomicLong();
        Progress progress = new Progress(err, rows, progressAfter);
        QualityReport result;
        try (OutputFiles files = new OutputFiles(); CsvSource source = input.open(data)) {
            // problems.throwIfAny() threw when the rules section was missing
            Cleaner cleaner = Objects.requireNonNull(qr, "rules").bind(source.schema(), Clock.systemUTC());
            try (CleanedSource clean = cleaner.clean(source);
                    CsvOut rowsOut = CsvOut.rows(files, out, cleaner.outputSchema());
                    CsvOut rejected = quarantine == null ? null : CsvOut.rejects(files, quarantine)) {
                progress.start();
                for (RecordBatch b = clean.next(); b != null; b = clean.next()) {
                    rowsOut.write(b);
                    if (rejected != null) {
                        for (RejectedRow r : b.rejected()) {
                            rejected.write(r);
                        }
                    }
                    rows.addAndGet(b.size() + b.rejected().size());
                }
                result = clean.report();
                // the last progress line counts the rows read, which the report has exactly (merged duplicates
                // never reach a batch)
                rows.set(result.counts().input());
            } finally {
                progress.stop();
            }
            if (report != null) {
                try (Writer w = files.writer(report)) {
                    w.write(result.toJson());
                } catch (IOException e) {
                    throw OutputFiles.failure(report, e);
                }
            }
            files.commit();
        } catch (ErrorBudgetExceededException e) {
            err.println("kpi: " + e.getMessage() + " (nothing was written)");
            return KpiCli.GATE_FAILED;
        }
        QualityReport.Counts c = result.counts();
        stdout.println(String.format(Locale.ROOT, "%s: %,d rows read, %,d clean, %,d quarantined, %,d merged"
                + " duplicates, %,d inserted", result.status(), c.input(), c.clean(), c.quarantined(), c.merged(),
                c.inserted()));
        return result.status() == GateStatus.FAIL ? KpiCli.GATE_FAILED : KpiCli.OK;
    }

    /** The progress line on stderr, shown once the run takes longer than a few seconds. */
    private static final class Progress {
        private final PrintWriter err;
        private final AtomicLong rows;
        private final int afterSeconds;
        private final AtomicBoolean shown = new AtomicBoolean();
        private @Nullable ScheduledExecutorService timer;
        private long start;

        Progress(PrintWriter err, AtomicLong rows, int afterSeconds) {
            this.err = err;
            this.rows = rows;
            this.afterSeconds = afterSeconds;
        }

        void start() {
            start = System.nanoTime();
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "kpi-clean-progress");
                t.setDaemon(true);
                return t;
            });
            ScheduledFuture<?> unused = timer.scheduleAtFixedRate(this::print, afterSeconds * 1000L, 1000,
                    TimeUnit.MILLISECONDS);
        }

        private void print() {
            double seconds = (System.nanoTime() - start) / 1e9;
            long n = rows.get();
            shown.set(true);
            synchronized (err) {
                err.print(String.format(Locale.ROOT, "\rkpi clean: %,d rows in %.0f s (%,.0f rows/s)", n, seconds,
                        n / Math.max(seconds, 1e-9)));
                err.flush();
            }
        }

        void stop() {
            if (timer == null) {
                return;
            }
            timer.shutdownNow();
            try {
                timer.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (shown.get()) {
                print();
                err.println();
            }
        }
    }
}
