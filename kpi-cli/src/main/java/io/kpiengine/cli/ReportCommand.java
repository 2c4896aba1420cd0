package io.kpiengine.cli;

import io.kpiengine.base.KpiException;
import io.kpiengine.core.KpiEngine;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.QualityVerdict;
import io.kpiengine.core.analyze.ImprovementQuery;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.score.GoalTree;
import io.kpiengine.core.score.ScoreCard;
import io.kpiengine.core.score.ScoreResults;
import io.kpiengine.core.track.AlertState;
import io.kpiengine.core.track.Scorecard;
import io.kpiengine.core.track.Tracker;
import io.kpiengine.report.Report;
import io.kpiengine.report.View;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import org.jspecify.annotations.Nullable;

/**
 * {@code kpi report}: computes every KPI of a catalog over data files, tracks them (baselines, targets, status,
 * alerts, pace: the catalog's tracking section or its defaults), analyses them (improvement points), scores the
 * catalog's goal trees and writes one self-contained HTML dashboard (docs/report.md).
 *
 * <pre>
 * kpi report --catalog shop.yaml --data campaigns=campaigns.csv --data deals=deals.csv --out report.html
 * wrote report.html (1.4 MB): 7 KPIs over 3 periods to 2025-03, 4 core; views executive, manager, analyst; quality PASS
 * </pre>
 *
 * <p>The file is written to a temporary file in its directory and renamed over the target only when the report is
 * complete ({@link OutputFiles}); an output that is the same file as an input is refused. Exit codes: 0 report
 * written; 1 report written, but a source failed its quality gate (the report says so in its quality badge); 2 usage
 * or configuration error, with the reason on standard error.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Compute and track the KPIs of a catalog and write a self-contained HTML dashboard.",
            "Exit codes: 0 written, 1 written but a quality gate failed, 2 usage or configuration error."})
final class ReportCommand implements Callable<Integer> {

    /** Exit code when the report was written. */
    public static final int OK = 0;
    /** Exit code when the report was written but a source failed its quality gate. */
    public static final int QUALITY_GATE_FAILED = 1;
    /** Exit code for usage and configuration errors. */
    public static final int CONFIG_ERROR = 2;

    @Spec
    private CommandSpec spec;

    @Mixin
    private EngineOptions engineOptions = new EngineOptions();

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the report (.html).")
    private Path out;

    @Option(names = "--title", paramLabel = "TEXT", description = "The title (default: the catalog's name).")
    private String title;

    @Option(names = "--locale", paramLabel = "TAG", description = "The locale of numbers, a BCP 47 tag such as en-US,"
            + " de-DE or ko-KR (default: en-US).")
    private String locale;

    @Option(names = "--views", paramLabel = "VIEW[,VIEW]", split = ",",
            description = "The tabs, first opened: executive, manager, analyst (default: all three).")
    private List<String> views = new ArrayList<>();

    @Option(names = "--core", paramLabel = "ID[,ID]", split = ",",
            description = "The KPIs of the executive summary, 1 to 5 (default: the catalog's core KPIs).")
    private List<String> core = new ArrayList<>();

    @Option(names = "--window", paramLabel = "N", description = "Periods on the time axis (default: 24).")
    private Integer window;

    @Option(names = "--period", paramLabel = "PERIOD", description = "The period the report is for, e.g. 2025-03"
            + " (default: the latest complete period with a value).")
    private String period;

    @Option(names = "--alerts-in", paramLabel = "FILE", description = "The alert state of the previous run"
            + " (kpi track --alerts-out), so that alerts are new, continuing or resolved.")
    private Path alertsIn;

    @Option(names = "--results-only", description = "Skip tracking, analysis and scores: statuses, baselines, alerts"
            + " and improvement points by the report's own results-based definitions.")
    private boolean resultsOnly;

    /** Creates the command; picocli sets the options. */
    @SuppressWarnings("NullAway.Init") // picocli sets the options before call(); an optional one left out is null there
    public ReportCommand() {
    }

    /**
     * Runs the command.
     *
     * @return the exit code
     */
    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String badName = OutputFiles.extensionProblem("--out", out, ".html");
        if (badName != null) {
            return fail(err, badName);
        }
        try {
            checkFiles();
        } catch (IllegalArgumentException e) {
            return fail(err, e.getMessage());
        }
        Catalog c = CommandInputs.catalog(engineOptions.catalog, "report", err);
        if (c == null) {
            return CONFIG_ERROR;
        }
        try (OutputFiles outputs = new OutputFiles()) {
            Report.Builder report = options(Report.builder().catalog(c));
            Clock clock = engineOptions.clock();
            KpiEngine engine = engineOptions.engine(c);
            KpiResults results = engineOptions.evaluate(c, engine, null);
            report.results(results);
            if (period != null) {
                report.asOf(c.calendar().parse(period));
            }
            if (!resultsOnly) {
                AlertState previous = alertsIn == null ? AlertState.EMPTY
                        : AlertState.fromBytes(Files.readAllBytes(alertsIn));
                Scorecard card = Tracker.builder(c).clock(clock).build().track(results, previous);
                report.scorecard(card);
                ImprovementQuery points = results.improvementPoints();
                if (AnalyzeCommand.tracksTargets(c)) {
                    points.include(card.improvementPoints());   // as kpi analyze
                }
                report.improvementPoints(points.run());
                List<ScoreResults> scores = new ArrayList<>();
                for (GoalTree tree : c.goalTrees()) {
                    scores.add(ScoreCard.builder(tree).catalog(c).build().score(results));
                }
                if (!scores.isEmpty()) {
                    report.scores(scores.toArray(ScoreResults[]::new));
                }
            } else if (alertsIn != null) {
                throw new IllegalArgumentException("--alerts-in needs tracking, but --results-only was given");
            }
            Report r = report.build();
            try (OutputStream o = outputs.stream(out)) {
                r.writeTo(o);
            }
            outputs.commit();
            stdout.printf(Locale.ROOT, "wrote %s (%.1f MB): %s; quality %s%n", out, r.size() / 1e6, r.summary(),
                    results.quality().verdict());
            stdout.flush();
            results.warnings().forEach(w -> err.println("kpi report: warning: " + w));
            r.warnings().forEach(w -> err.println("kpi report: warning: " + w));
            err.flush();
            return results.quality().verdict() == QualityVerdict.FAIL ? QUALITY_GATE_FAILED : OK;
        } catch (IllegalArgumentException | IllegalStateException | DateTimeParseException | KpiException e) {
            return fail(err, e.getMessage());
        } catch (IOException e) {
            String message = e.getMessage();
            return fail(err, message != null && message.startsWith("cannot ") ? message
                    : "cannot read or write a file: " + OutputFiles.reason(e));
        } catch (UncheckedIOException e) {
            return fail(err, e.getMessage());
        }
    }

    /**
     * Refuses, as {@code kpi run} does, a missing catalog, a data file that is not a regular file, and an output
     * that is the same file as an input.
     */
    private void checkFiles() {
        List<OutputFiles.Named> in = new ArrayList<>(engineOptions.inputs());
        if (alertsIn != null) {
            RunCommand.requireRegularFile("--alerts-in " + alertsIn, alertsIn);
            in.add(new OutputFiles.Named("--alerts-in", alertsIn));
        }
        OutputFiles.checkDistinct(in, List.of(new OutputFiles.Named("--out", out)), List.of());
    }

    /** The report options of the command line. */
    private Report.Builder options(Report.Builder b) {
        if (title != null) {
            b.title(title);
        }
        if (locale != null) {
            try {
                b.locale(new Locale.Builder().setLanguageTag(locale).build());
            } catch (IllformedLocaleException e) {
                throw new IllegalArgumentException("--locale must be a BCP 47 tag such as en-US, but was '" + locale
                        + "'", e);
            }
        }
        if (!views.isEmpty()) {
            List<View> list = new ArrayList<>();
            for (String v : views) {
                try {
                    list.add(View.valueOf(v.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--views must name executive, manager or analyst, but was '"
                            + v + "'", e);
                }
            }
            b.views(list.toArray(View[]::new));
        }
        if (!core.isEmpty()) {
            b.core(core.toArray(String[]::new));
        }
        if (window != null) {
            b.window(window);
        }
        return b;
    }

    private static int fail(PrintWriter err, @Nullable String message) {
        err.println("kpi report: " + message);
        err.flush();
        return CONFIG_ERROR;
    }
}
