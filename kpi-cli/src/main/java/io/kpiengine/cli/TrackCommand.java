package io.kpiengine.cli;

import io.kpiengine.base.KpiException;
import io.kpiengine.core.KpiEngine;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.QualityVerdict;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.track.Alert;
import io.kpiengine.core.track.AlertSeverity;
import io.kpiengine.core.track.AlertState;
import io.kpiengine.core.track.KpiStatus;
import io.kpiengine.core.track.Scorecard;
import io.kpiengine.core.track.Tracker;
import io.kpiengine.core.track.TrackingFinding;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
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
 * {@code kpi track}: computes every KPI of a catalog over data files and writes the scorecard: baselines, targets,
 * achievement, pace, status and alerts per metric, period and segment, with the findings (schema:
 * {@code docs/tracking.md}).
 *
 * <pre>
 * kpi track --catalog catalog.yaml --data events=events.csv --out scorecard.json --alerts-out alerts.state
 * 48 series: 30 on-track, 5 at-risk, 3 off-track, ...; alerts: 2 new, 1 continuing, 0 resolved; 4 findings; quality PASS; wrote scorecard.json
 * CRITICAL NEW leads-below-plan: leads {channel=social} 2025-06: achievement % 84.20 below 90 for 2 periods; ...
 * </pre>
 *
 * <p>{@code --alerts-in} gives the alert state of the previous run, so that alerts are new, continuing or resolved;
 * {@code --alerts-out} saves this run's, beside the aggregation state of {@code --state-out}. Every output file is
 * written to a temporary file in its directory and renamed over the target.
 *
 * <p>Exit codes: 0 scorecard written, no critical alert open and no source failed its quality gate; 1 scorecard
 * written, but a critical alert is open at the end of the run or a source failed its quality gate; 2 usage or
 * configuration error, with the reason on standard error.
 */
@Command(name = "track", mixinStandardHelpOptions = true,
        description = {"Compute the KPIs of a catalog and write the scorecard: baselines, targets, status, alerts.",
            "Exit codes: 0 nothing critical, 1 a critical alert is open or a quality gate failed (scorecard still"
                + " written), 2 usage or configuration error."})
final class TrackCommand implements Callable<Integer> {

    /** Exit code when nothing is critical. */
    public static final int OK = 0;
    /** Exit code when a critical alert is open or a source failed its quality gate. */
    public static final int CRITICAL = 1;
    /** Exit code for usage and configuration errors. */
    public static final int CONFIG_ERROR = 2;

    /** The most alerts and findings printed; the file holds all of them. */
    static final int SHOWN = 20;

    @Spec
    private CommandSpec spec;

    @Mixin
    private EngineOptions engineOptions = new EngineOptions();

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "Where to write the scorecard: a .json or .csv file.")
    private Path out;

    @Option(names = "--state-in", paramLabel = "FILE", description = "Resume the aggregation from a saved state.")
    private Path stateIn;

    @Option(names = "--state-out", paramLabel = "FILE", description = "Save the aggregation state.")
    private Path stateOut;

    @Option(names = "--alerts-in", paramLabel = "FILE", description = "The alert state of the previous run.")
    private Path alertsIn;

    @Option(names = "--alerts-out", paramLabel = "FILE", description = "Save the alert state for the next run.")
    private Path alertsOut;

    @Option(names = "--scores", description = "Also track the scores of every goal tree of the catalog (the scores"
            + " that the tracking plan names are always tracked).")
    private boolean scores;

    /** Creates the command; picocli sets the options. */
    @SuppressWarnings("NullAway.Init") // picocli sets the options before call(); an optional one left out is null there
    public TrackCommand() {
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
        String badName = OutputFiles.extensionProblem("--out", out, ".json", ".csv");
        if (badName != null) {
            return fail(err, badName);
        }
        try {
            checkOutputs();
        } catch (IllegalArgumentException e) {
            return fail(err, e.getMessage());
        }
        Catalog c = CommandInputs.catalog(engineOptions.catalog, "track", err);
        if (c == null) {
            return CONFIG_ERROR;
        }
        if (scores && c.goalTrees().isEmpty()) {
            return fail(err, "--scores: " + engineOptions.catalog + " has no scores section; see docs/scoring.md");
        }
        try (OutputFiles outputs = new OutputFiles()) {
            Clock clock = engineOptions.clock();
            Tracker.Builder tb = Tracker.builder(c).clock(clock);
            if (scores) {
                tb.scores();
            }
            if (engineOptions.threads != null) {
                tb.parallelism(engineOptions.threads);
            }
            KpiEngine engine = engineOptions.engine(c);
            AlertState previous = alertsIn == null ? AlertState.EMPTY
                    : AlertState.fromBytes(Files.readAllBytes(alertsIn));
            KpiResults results = engineOptions.evaluate(c, engine,
                    stateIn == null ? null : Files.readAllBytes(stateIn));
            Scorecard card = tb.build().track(results, previous);
            try (Writer w = outputs.writer(out)) {
                if (OutputFiles.hasExtension(out, ".json")) {
                    card.writeJson(w);
                } else {
                    card.writeCsv(w);
                }
            }
            if (stateOut != null) {
                outputs.write(stateOut, results.state().toBytes());
            }
            if (alertsOut != null) {
                outputs.write(alertsOut, card.alertState().toBytes());
            }
            outputs.commit();
            report(stdout, card);
            results.warnings().forEach(w -> err.println("kpi track: warning: " + w));
            err.flush();
            return card.hasOpen(AlertSeverity.CRITICAL) || results.quality().verdict() == QualityVerdict.FAIL
                    ? CRITICAL : OK;
        } catch (IllegalArgumentException | IllegalStateException | DateTimeParseException | KpiException e) {
            return fail(err, e.getMessage());
        } catch (IOException e) {
            return fail(err, "cannot read or write a file: " + OutputFiles.reason(e));
        } catch (UncheckedIOException e) {
            return fail(err, e.getMessage());
        }
    }

    /**
     * Refuses an output that is the same file as an input or another output (the state and the alert state may be
     * read from and written back to one file each: it is read whole before the run and replaced only at the end).
     */
    private void checkOutputs() {
        List<OutputFiles.Named> in = new ArrayList<>(engineOptions.inputs());
        if (stateIn != null) {
            RunCommand.requireRegularFile("--state-in " + stateIn, stateIn);
            in.add(new OutputFiles.Named("--state-in", stateIn));
        }
        if (alertsIn != null) {
            RunCommand.requireRegularFile("--alerts-in " + alertsIn, alertsIn);
            in.add(new OutputFiles.Named("--alerts-in", alertsIn));
        }
        List<OutputFiles.Named> outs = new ArrayList<>();
        outs.add(new OutputFiles.Named("--out", out));
        if (stateOut != null) {
            outs.add(new OutputFiles.Named("--state-out", stateOut));
        }
        if (alertsOut != null) {
            outs.add(new OutputFiles.Named("--alerts-out", alertsOut));
        }
        OutputFiles.checkDistinct(in, outs,
                List.of(List.of("--state-in", "--state-out"), List.of("--alerts-in", "--alerts-out")));
    }

    /** The summary line, then the alerts and findings (at most {@link #SHOWN} of each). */
    private void report(PrintWriter stdout, Scorecard card) {
        StringBuilder statuses = new StringBuilder();
        for (Map.Entry<KpiStatus, Integer> e : card.statusCounts().entrySet()) {
            if (e.getValue() > 0) {
                statuses.append(statuses.length() == 0 ? "" : ", ").append(e.getValue()).append(' ')
                        .append(e.getKey().id());
            }
        }
        Map<Alert.State, Long> states = new EnumMap<>(Alert.State.class);
        card.alerts().forEach(a -> states.merge(a.state(), 1L, Long::sum));
        stdout.printf(Locale.ROOT, "%,d series: %s; alerts: %d new, %d continuing, %d resolved; %d finding%s;"
                + " quality %s; wrote %s%n", card.current().size(), statuses.length() == 0 ? "none" : statuses,
                states.getOrDefault(Alert.State.NEW, 0L), states.getOrDefault(Alert.State.CONTINUING, 0L),
                states.getOrDefault(Alert.State.RESOLVED, 0L), card.findings().size(), card.findings().size() == 1 ? "" : "s",
                card.quality(), out);
        List<Alert> alerts = new ArrayList<>(card.alerts());
        alerts.sort((a, b) -> b.severity().compareTo(a.severity()));
        alerts.stream().limit(SHOWN).forEach(stdout::println);
        if (alerts.size() > SHOWN) {
            stdout.println("... and " + (alerts.size() - SHOWN) + " more alerts in " + out);
        }
        card.findings().stream().limit(SHOWN).map(TrackingFinding::toString).forEach(stdout::println);
        if (card.findings().size() > SHOWN) {
            stdout.println("... and " + (card.findings().size() - SHOWN) + " more findings in " + out);
        }
        stdout.flush();
    }

    private static int fail(PrintWriter err, @Nullable String message) {
        err.println("kpi track: " + message);
        err.flush();
        return CONFIG_ERROR;
    }
}
