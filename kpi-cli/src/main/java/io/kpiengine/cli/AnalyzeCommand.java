package io.kpiengine.cli;

import io.kpiengine.analysis.MissingPolicy;
import io.kpiengine.base.KpiException;
import io.kpiengine.core.KpiEngine;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.QualityVerdict;
import io.kpiengine.core.SourceAccount;
import io.kpiengine.core.analyze.ImprovementPoint;
import io.kpiengine.core.analyze.ImprovementPoints;
import io.kpiengine.core.analyze.ImprovementQuery;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.CatalogException;
import io.kpiengine.core.time.Period;
import io.kpiengine.data.doc.DocumentException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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
 * {@code kpi analyze}: computes every KPI of a catalog over data files, as {@code kpi run} does, and writes the
 * ranked improvement points of the results as JSON (schema: {@code docs/analysis.md}).
 *
 * <pre>
 * kpi analyze --catalog shop.yaml --data orders=orders.csv --out analysis.json --metric revenue
 * 7 improvement points up to 2025-W52; 2 notes; wrote analysis.json
 *   1.   6.2 leading-indicator revenue: visitors (channel=email) fell 25.0 % in the last week; revenue is expected ...
 * </pre>
 *
 * <p>The output file is written whole or not at all: into a temporary file in its directory, renamed over the
 * target at the end. Exit codes: 0 written; 1 written, but a source failed its quality gate (the points rest on data
 * that should not be published); 2 usage or configuration error, with the reason on standard error.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Compute the KPIs of a catalog and write what deserves attention (unusual changes, the"
                + " segments behind them, trend breaks, leading indicators that turned) as JSON.",
            "Exit codes: 0 done, 1 quality gate failed (the analysis is still written), 2 usage or configuration"
                + " error."})
final class AnalyzeCommand implements Callable<Integer> {

    /** Exit code when the analysis was written and no source failed its quality gate. */
    static final int OK = 0;
    /** Exit code when the analysis was written but a source failed its quality gate. */
    static final int QUALITY_GATE_FAILED = 1;
    /** Exit code for usage and configuration errors. */
    static final int CONFIG_ERROR = 2;
    /** The version of the output schema. */
    static final int SCHEMA_VERSION = 1;

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the analysis: a .json file.")
    private Path out;

    @Option(names = "--metric", paramLabel = "METRIC", description = "A metric to analyse; repeat for more (default: all).")
    private List<String> metrics = new ArrayList<>();

    @Mixin
    private EngineOptions inputs;

    @Option(names = "--window", paramLabel = "N", description = "Changes an unusual change is measured against"
            + " (default 12).")
    private Integer window;

    @Option(names = "--threshold", paramLabel = "Z", description = "Robust z from which a change is unusual (default 3).")
    private Double threshold;

    @Option(names = "--recent", paramLabel = "N", description = "A trend break counts when its new level starts in the"
            + " last N periods (default 4).")
    private Integer recent;

    @Option(names = "--max-lag", paramLabel = "N", description = "Largest lead looked for between a leading indicator"
            + " and its metric (default 12).")
    private Integer maxLag;

    @Option(names = "--lead-lag", paramLabel = "LEADING:LAGGING", description = "Also test whether one KPI moves"
            + " before another, e.g. visitors:revenue: the lead in periods, its correlation, the Granger p-value and"
            + " the early warning, per pair of their series (the same segment, or each segment against a total);"
            + " repeat for more pairs.")
    private List<String> leadLag = new ArrayList<>();

    @Option(names = "--interpolate", description = "Fill periods without a value between periods with values by"
            + " linear interpolation (default: such a series is skipped, with a note).")
    private boolean interpolate;

    /** Creates the command; picocli sets the options. */
    @SuppressWarnings("NullAway.Init") // picocli sets the options before call(); an optional one left out is null there
    AnalyzeCommand() {
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
        String badName = OutputFiles.extensionProblem("--out", out, ".json");
        if (badName != null) {
            return fail(err, badName);
        }
        try {
            OutputFiles.checkDistinct(inputs.inputs(), List.of(new OutputFiles.Named("--out", out)), List.of());
        } catch (IllegalArgumentException e) {
            return fail(err, e.getMessage());
        }
        Catalog c;
        try {
            c = Catalog.read(inputs.catalog);
        } catch (CatalogException e) {
            err.println("kpi analyze: " + inputs.catalog + " is not a valid catalog (" + e.problems().size() + " problem"
                    + (e.problems().size() == 1 ? "" : "s") + "):");
            e.problems().forEach(err::println);
            err.flush();
            return CONFIG_ERROR;
        } catch (DocumentException | UncheckedIOException e) {
            return fail(err, e.getMessage());
        }
        try {
            List<String[]> leadLagPairs = LeadLagPairs.parse(leadLag, c);
            KpiEngine engine = inputs.engine(c);
            KpiResults results = inputs.evaluate(c, engine, null);
            ImprovementQuery q = query(results);
            if (tracksTargets(c)) {
                q.include(io.kpiengine.core.track.Tracker.builder(c).parallelism(engine.parallelism()).build()
                        .track(results).improvementPoints());
            }
            ImprovementPoints found = q.run();
            List<LeadLagPairs.Entry> pairs = LeadLagPairs.run(results, leadLagPairs, maxLag == null ? 12 : maxLag,
                    interpolate);
            String unit = engine.grain().id().replace('_', ' ');
            write(json(c, engine, results, found, LeadLagPairs.json(pairs, unit)));
            summarize(stdout, found);
            pairs.forEach(e -> stdout.println(LeadLagPairs.line(e, unit)));
            stdout.flush();
            for (SourceAccount a : results.quality().sources()) {
                if (a.rowsRejected() > 0) {
                    err.printf(Locale.ROOT, "kpi analyze: source '%s': %,d records were not aggregated (unreadable or"
                            + " quarantined); kpi run --rejected FILE lists them%n", a.source(), a.rowsRejected());
                }
            }
            if (results.quality().verdict() == QualityVerdict.FAIL) {
                err.println("kpi analyze: the quality gate failed: the points rest on data that should not be"
                        + " published");
            }
            err.flush();
            return results.quality().verdict() == QualityVerdict.FAIL ? QUALITY_GATE_FAILED : OK;
        } catch (IllegalArgumentException | IllegalStateException | DateTimeParseException | KpiException e) {
            return fail(err, e.getMessage());
        } catch (IOException e) {
            return fail(err, "cannot write " + out + ": " + e.getMessage());
        } catch (UncheckedIOException e) {
            return fail(err, e.getMessage());
        }
    }

    /**
     * Whether the scorecard's points (gaps to target, off-track streaks, open critical alerts) join the
     * improvement points: when the catalog has a tracking section or a metric with a target or band. The same rule
     * holds in {@code kpi report}, so that both show the same points.
     */
    static boolean tracksTargets(Catalog c) {
        return !c.tracking().isEmpty() || c.metrics().stream().anyMatch(m -> !m.metadata().targets().isEmpty()
                || m.metadata().targetBand().isPresent());
    }

    private ImprovementQuery query(KpiResults results) {
        ImprovementQuery q = results.improvementPoints();
        if (!metrics.isEmpty()) {
            q.metrics(metrics.toArray(new String[0]));
        }
        if (window != null) {
            q.window(window);
        }
        if (threshold != null) {
            q.threshold(threshold);
        }
        if (recent != null) {
            q.recent(recent);
        }
        if (maxLag != null) {
            q.maxLag(maxLag);
        }
        if (interpolate) {
            q.missing(MissingPolicy.INTERPOLATE);
        }
        return q;
    }

    /** Writes the whole file to a temporary file and renames it over the target: a reader never sees half of it. */
    private void write(String text) throws IOException {
        try (OutputFiles outputs = new OutputFiles()) {
            outputs.write(out, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            outputs.commit();
        }
    }

    private void summarize(PrintWriter stdout, ImprovementPoints found) {
        String range = found.last().map(p -> " up to " + p).orElse(" (no complete period)");
        stdout.printf(Locale.ROOT, "%d improvement point%s%s; %d note%s; wrote %s%n", found.points().size(),
                found.points().size() == 1 ? "" : "s", range, found.notes().size(),
                found.notes().size() == 1 ? "" : "s", out);
        List<ImprovementPoint> points = found.points();
        for (int i = 0; i < Math.min(5, points.size()); i++) {
            ImprovementPoint p = points.get(i);
            stdout.printf(Locale.ROOT, "%3d. %5.1f %s %s: %s%n", i + 1, p.score(), p.kind(), p.label(), p.summary());
        }
        stdout.flush();
    }

    static String json(Catalog catalog, KpiEngine engine, KpiResults results, ImprovementPoints found,
            String leadLag) {
        StringBuilder sb = new StringBuilder(1024 + found.points().size() * 600);
        sb.append("{\n  \"schemaVersion\": ").append(SCHEMA_VERSION);
        sb.append(",\n  \"catalog\": ").append(ResultsFormat.str(catalog.name()));
        sb.append(",\n  \"zone\": ").append(ResultsFormat.str(engine.calendar().zone().getId()));
        sb.append(",\n  \"grain\": ").append(ResultsFormat.str(engine.grain().id()));
        sb.append(",\n  \"last\": ").append(ResultsFormat.str(found.last().map(Period::toString).orElse(null)));
        sb.append(",\n  \"quality\": ").append(ResultsFormat.str(results.quality().verdict().name()));
        sb.append(",\n  \"points\": [");
        List<ImprovementPoint> points = found.points();
        for (int i = 0; i < points.size(); i++) {
            ImprovementPoint p = points.get(i);
            sb.append(i == 0 ? "\n" : ",\n").append("    {\"rank\": ").append(i + 1)
                    .append(", \"kind\": ").append(ResultsFormat.str(p.kind()))
                    .append(", \"metric\": ").append(ResultsFormat.str(p.metric()))
                    .append(", \"segment\": {");
            int k = 0;
            for (Map.Entry<String, String> d : p.segment().entrySet()) {
                sb.append(k++ == 0 ? "" : ", ").append(ResultsFormat.str(d.getKey())).append(": ")
                        .append(ResultsFormat.str(d.getValue()));
            }
            sb.append("}, \"period\": ").append(ResultsFormat.str(p.period().toString()))
                    .append(", \"score\": ").append(ResultsFormat.number(p.score()))
                    .append(",\n     \"statistic\": ").append(ResultsFormat.str(p.statistic()))
                    .append(",\n     \"summary\": ").append(ResultsFormat.str(p.summary()))
                    .append(",\n     \"numbers\": {");
            k = 0;
            for (Map.Entry<String, Double> n : p.numbers().entrySet()) {
                sb.append(k++ == 0 ? "" : ", ").append(ResultsFormat.str(n.getKey())).append(": ")
                        .append(ResultsFormat.number(n.getValue()));
            }
            sb.append("}}");
        }
        sb.append(points.isEmpty() ? "]" : "\n  ]");
        sb.append(",\n  \"notes\": [");
        for (int i = 0; i < found.notes().size(); i++) {
            sb.append(i == 0 ? "\n    " : ",\n    ").append(ResultsFormat.str(found.notes().get(i)));
        }
        sb.append(found.notes().isEmpty() ? "]" : "\n  ]");
        sb.append(",\n  \"leadLag\": ").append(leadLag).append("\n}\n");
        return sb.toString();
    }

    private static int fail(PrintWriter err, @Nullable String message) {
        err.println("kpi analyze: " + message);
        err.flush();
        return CONFIG_ERROR;
    }
}
