package io.kpiengine.cli;

import io.kpiengine.base.KpiException;
import io.kpiengine.core.KpiEngine;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.QualityVerdict;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.score.CascadedTarget;
import io.kpiengine.core.score.GoalNode;
import io.kpiengine.core.score.GoalTree;
import io.kpiengine.core.score.KpiMatrix;
import io.kpiengine.core.score.Payout;
import io.kpiengine.core.score.ScoreCard;
import io.kpiengine.core.score.ScoreResults;
import io.kpiengine.core.score.ScoreValue;
import io.kpiengine.core.score.Scores;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import org.jspecify.annotations.Nullable;

/**
 * {@code kpi score}: computes the KPIs of a catalog over data files and scores its composite scores (the
 * {@code scores} section, docs/scoring.md) for every period and entity, written as JSON.
 *
 * <pre>
 * kpi score --catalog sales.yaml --data activity=activity.csv --out scores.json
 * 1 score (sales_health) over 3 periods and 8 entities; quality PASS; wrote scores.json
 * </pre>
 *
 * <p>The file is written whole or not at all: to a temporary file in the same directory, then renamed. Each
 * result is one node of one score for one entity and period: its points, its contribution to its parent and to
 * the root, and for nodes with children the coverage, the missing children, the rank and the status; a node
 * without a score has {@code "points": null} with the reason and a detail.
 *
 * <p>Exit codes: 0 scores written, quality gate passed or warned; 1 scores written but a source failed its quality
 * gate; 2 usage or configuration error (bad option, unreadable or invalid catalog, a catalog without scores, an
 * unknown score or source, a missing file), with the reason on standard error.
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Score the composite scores of a catalog for every period and entity (JSON).",
            "Exit codes: 0 done, 1 quality gate failed (scores still written), 2 usage or configuration error."})
final class ScoreCommand implements Callable<Integer> {

    /** Exit code when the scores were written and no source failed its quality gate. */
    public static final int OK = 0;
    /** Exit code when the scores were written but a source failed its quality gate. */
    public static final int QUALITY_GATE_FAILED = 1;
    /** Exit code for usage and configuration errors. */
    public static final int CONFIG_ERROR = 2;

    @Spec
    private CommandSpec spec;

    @Mixin
    private EngineOptions engineOptions;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the scores (.json).")
    private Path out;

    @Option(names = "--score", paramLabel = "ID",
            description = "Only this score (default: every score of the catalog).")
    private String score;

    /** Creates the command; picocli sets the options. */
    @SuppressWarnings("NullAway.Init") // picocli sets the options before call(); an optional one left out is null there
    public ScoreCommand() {
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
            OutputFiles.checkDistinct(engineOptions.inputs(), List.of(new OutputFiles.Named("--out", out)),
                    List.of());
        } catch (IllegalArgumentException e) {
            return fail(err, e.getMessage());
        }
        Catalog c = CommandInputs.catalog(engineOptions.catalog, "score", err);
        if (c == null) {
            return CONFIG_ERROR;
        }
        List<GoalTree> trees = c.goalTrees();
        if (trees.isEmpty()) {
            return fail(err, engineOptions.catalog + " has no scores section; see docs/scoring.md");
        }
        if (score != null) {
            try {
                trees = List.of(ScoreCard.of(c, score).tree());
            } catch (IllegalArgumentException e) {
                return fail(err, "--score: " + e.getMessage());
            }
        }
        try {
            KpiEngine engine = engineOptions.engine(c);
            KpiResults results = engineOptions.evaluate(c, engine, null);
            int n = engine.parallelism();
            List<ScoreResults> scored = new ArrayList<>();
            for (GoalTree t : trees) {
                scored.add(ScoreCard.builder(t).catalog(c).parallelism(n).build().score(results));
            }
            try (OutputFiles outputs = new OutputFiles()) {
                outputs.write(out, json(c, scored).getBytes(StandardCharsets.UTF_8));
                outputs.commit();
            }
            summarize(stdout, scored, results);
            return results.quality().verdict() == QualityVerdict.FAIL ? QUALITY_GATE_FAILED : OK;
        } catch (IllegalArgumentException | IllegalStateException | KpiException e) {
            return fail(err, e.getMessage());
        } catch (UncheckedIOException e) {
            return fail(err, e.getMessage());
        }
    }

    private void summarize(PrintWriter stdout, List<ScoreResults> scored, KpiResults results) {
        java.util.Set<String> periods = new java.util.TreeSet<>();
        java.util.Set<String> entities = new java.util.TreeSet<>();
        for (ScoreResults s : scored) {
            s.periods().forEach(p -> periods.add(p.toString()));
            s.all().forEach(x -> entities.addAll(x.entities()));
        }
        stdout.printf(Locale.ROOT, "%d score%s (%s) over %d period%s and %d entit%s; quality %s; wrote %s%n",
                scored.size(), scored.size() == 1 ? "" : "s", String.join(", ", scored.stream().map(s -> s.tree().id())
                        .toList()), periods.size(), periods.size() == 1 ? "" : "s", entities.size(),
                entities.size() == 1 ? "y" : "ies", results.quality().verdict(), out);
        stdout.flush();
    }

    /** The scores as JSON: docs/scoring.md, "kpi score". */
    static String json(Catalog c, List<ScoreResults> scored) {
        StringBuilder sb = new StringBuilder("{\n  \"schemaVersion\": 1,\n  \"catalog\": ")
                .append(ResultsFormat.str(c.name())).append(",\n  \"scores\": [");
        for (int t = 0; t < scored.size(); t++) {
            ScoreResults s = scored.get(t);
            GoalTree tree = s.tree();
            sb.append(t == 0 ? "\n" : ",\n").append("    {\"score\": ").append(ResultsFormat.str(tree.id()))
                    .append(", \"unit\": ").append(ResultsFormat.str(GoalTree.UNIT))
                    .append(", \"entityDimensions\": ").append(strings(tree.entityDimensions()))
                    .append(", \"results\": [");
            boolean first = true;
            for (int p = 0; p < s.periods().size(); p++) {
                Scores x = s.all().get(p);
                for (String entity : x.entities()) {
                    for (GoalNode n : tree.nodes()) {
                        sb.append(first ? "\n" : ",\n");
                        first = false;
                        result(sb, s.periods().get(p).toString(), x, n, entity);
                    }
                }
            }
            sb.append(first ? "]" : "\n    ]");
            cascades(sb, s);
            payouts(sb, s);
            sb.append('}');
        }
        return sb.append(scored.isEmpty() ? "]\n}\n" : "\n  ]\n}\n").toString();
    }

    /** Each cascaded target: every unit's target and, per period, the sum of its entities' values. */
    private static void cascades(StringBuilder sb, ScoreResults s) {
        sb.append(", \"cascades\": [");
        List<CascadedTarget> cascades = s.tree().cascades();
        for (int c = 0; c < cascades.size(); c++) {
            CascadedTarget ct = cascades.get(c);
            List<Map<String, Double>> actual = new ArrayList<>();
            for (Scores x : s.all()) {
                KpiMatrix m = x.matrix();
                Map<String, Double> values = new LinkedHashMap<>();
                for (int e = 0; e < m.size(); e++) {
                    values.put(m.entities().get(e), m.value(ct.kpi(), e));
                }
                actual.add(ct.rollUp(values));
            }
            sb.append(c == 0 ? "\n" : ",\n").append("      {\"kpi\": ").append(ResultsFormat.str(ct.kpi()))
                    .append(", \"split\": ").append(ResultsFormat.str(ct.split().id()))
                    .append(", \"total\": ").append(ResultsFormat.number(ct.total())).append(", \"units\": [");
            List<String> units = ct.cascade().units();
            for (int u = 0; u < units.size(); u++) {
                String unit = units.get(u);
                sb.append(u == 0 ? "\n" : ",\n").append("        {\"unit\": ").append(ResultsFormat.str(unit))
                        .append(", \"parent\": ").append(ResultsFormat.str(ct.cascade().parent(unit).orElse(null)))
                        .append(", \"target\": ")
                        .append(ResultsFormat.number(Objects.requireNonNull(ct.targets().get(unit), unit)))   // a unit
                        .append(", \"actual\": {");
                for (int p = 0; p < s.periods().size(); p++) {
                    Double v = actual.get(p).get(unit);
                    sb.append(p == 0 ? "" : ", ").append(ResultsFormat.str(s.periods().get(p).toString()))
                            .append(": ").append(v == null ? "null" : ResultsFormat.number(v));
                }
                sb.append("}}");
            }
            sb.append("\n      ]}");
        }
        sb.append(cascades.isEmpty() ? "]" : "\n    ]");
    }

    /** The incentives paid in every period, owner by owner. */
    private static void payouts(StringBuilder sb, ScoreResults s) {
        sb.append(", \"payouts\": [");
        boolean first = true;
        for (Map.Entry<io.kpiengine.core.time.Period, List<Payout>> e : s.payouts().entrySet()) {
            for (Payout p : e.getValue()) {
                sb.append(first ? "\n" : ",\n").append("      {\"period\": ")
                        .append(ResultsFormat.str(e.getKey().toString()))
                        .append(", \"owner\": ").append(ResultsFormat.str(p.owner()))
                        .append(", \"entity\": ").append(ResultsFormat.str(p.entity()))
                        .append(", \"basis\": ").append(ResultsFormat.str(p.basis()))
                        .append(", \"measure\": ").append(ResultsFormat.number(p.measure()))
                        .append(", \"multiple\": ").append(ResultsFormat.number(p.multiple()))
                        .append(", \"amount\": ").append(ResultsFormat.number(p.amount()))
                        .append(", \"detail\": ").append(ResultsFormat.str(p.detail().isEmpty() ? null : p.detail()))
                        .append('}');
                first = false;
            }
        }
        sb.append(first ? "]" : "\n    ]");
    }

    private static void result(StringBuilder sb, String period, Scores x, GoalNode n, String entity) {
        ScoreValue v = x.value(n.id(), entity);
        sb.append("      {\"period\": ").append(ResultsFormat.str(period))
                .append(", \"entity\": ").append(ResultsFormat.str(entity))
                .append(", \"node\": ").append(ResultsFormat.str(n.id()))
                .append(", \"kpi\": ").append(ResultsFormat.str(n.kpi().orElse(null)))
                .append(", \"points\": ").append(ResultsFormat.number(v.score()))
                .append(", \"contribution\": ").append(ResultsFormat.number(x.contribution(n.id(), entity)))
                .append(", \"contributionToTop\": ").append(ResultsFormat.number(x.contributionToTop(n.id(), entity)));
        if (!n.isLeaf()) {
            sb.append(", \"coverage\": ").append(ResultsFormat.number(v.coverage()))
                    .append(", \"missing\": ").append(strings(v.missing()))
                    .append(", \"rank\": ").append(v.isPresent() ? Integer.toString(x.rank(n.id(), entity)) : "null")
                    .append(", \"status\": ").append(ResultsFormat.str(x.status(n.id(), entity).orElse(null)));
        }
        sb.append(", \"reason\": ").append(ResultsFormat.str(v.reason() == null ? null : String.valueOf(v.reason())))
                .append(", \"detail\": ").append(ResultsFormat.str(v.detail())).append('}');
    }

    private static String strings(List<String> list) {
        return list.stream().map(ResultsFormat::str).collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    }

    private static int fail(PrintWriter err, @Nullable String message) {
        err.println("kpi score: " + message);
        err.flush();
        return CONFIG_ERROR;
    }
}
