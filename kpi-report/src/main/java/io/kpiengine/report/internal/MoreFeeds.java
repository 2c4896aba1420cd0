package io.kpiengine.report.internal;

import io.kpiengine.core.analyze.ImprovementPoint;
import io.kpiengine.core.analyze.ImprovementPoints;
import io.kpiengine.core.score.RankedEntity;
import io.kpiengine.core.score.ScoreResults;
import io.kpiengine.core.score.ScoreValue;
import io.kpiengine.core.score.Scores;
import io.kpiengine.core.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The feeds of the optional panels: composite scores ({@code io.kpiengine.core.score}) and the improvement points
 * of the analysis of results ({@code io.kpiengine.core.analyze}).
 *
 * <p><b>Composite scores.</b> For each goal tree, the scores of the report's current period (the latest scored
 * period when the tree was not scored for it): every entity's root score, rank (1 best, ties share the smallest),
 * status band and coverage, best first, and its root score in each period of the time axis.
 *
 * <p><b>Analysis.</b> The analysis' points (unusual changes, the segments behind them, trend breaks, leading
 * indicators that turned) follow the points about missed targets, in the analysis' order (by strength on a standard
 * normal scale); each keeps its statistic and its numbers. Points about metrics that are not KPIs of the report link
 * to no detail view but are listed all the same.
 */
final class MoreFeeds {

    private MoreFeeds() {
    }

    static void scores(ReportModel model, List<ScoreResults> all) {
        Period now = model.periods.get(model.current);
        for (ScoreResults r : all) {
            Scores s = r.scores(now).orElse(r.latest().orElse(null));
            if (s == null) {
                continue;
            }
            String root = r.tree().id();
            List<ReportModel.Composite.Row> rows = new ArrayList<>();
            for (RankedEntity e : s.ranking(root)) {
                ScoreValue v = s.value(root, e.entity());
                double[] history = new double[model.periods.size()];
                for (int i = 0; i < history.length; i++) {
                    history[i] = r.scores(model.periods.get(i)).flatMap(p -> p.score(root, e.entity()).isPresent()
                            ? java.util.Optional.of(p.score(root, e.entity()).getAsDouble())
                            : java.util.Optional.<Double>empty()).orElse(Double.NaN);
                }
                rows.add(new ReportModel.Composite.Row(e.entity(), e.score(), e.rank(), s.status(root, e.entity())
                        .orElse(""), v.coverage(), history));
            }
            for (String entity : s.entities()) {
                ScoreValue v = s.value(root, entity);
                if (!v.isPresent()) {
                    double[] none = new double[model.periods.size()];
                    java.util.Arrays.fill(none, Double.NaN);
                    rows.add(new ReportModel.Composite.Row(entity, Double.NaN, 0, "no score: " + v.reason(),
                            v.coverage(), none));
                }
            }
            String node = r.tree().root().name().orElse(root);
            model.composites.add(new ReportModel.Composite(root, node, s.label(), r.tree().entityDimensions(), rows));
        }
        model.feeds.put("Composite scores", "the scores of " + all.size() + (all.size() == 1 ? " goal tree" : " goal trees")
                + " (io.kpiengine.core.score): root score, rank, status and coverage per entity");
    }

    static void analysis(ReportModel model, ImprovementPoints points) {
        Map<String, KpiModel> byId = new HashMap<>();
        for (KpiModel k : model.kpis) {
            byId.put(k.metric.id(), k);
        }
        int at = 0;
        while (at < model.improvements.size() && !model.improvements.get(at).source().equals("scorecard")) {
            at++;
        }
        List<ReportModel.Improvement> found = new ArrayList<>();
        for (ImprovementPoint p : points.points()) {
            KpiModel k = byId.get(p.metric());
            List<String> details = new ArrayList<>();
            details.add(p.statistic() + String.format(Locale.ROOT, "; strength %.1f", p.score()) + ".");
            StringBuilder numbers = new StringBuilder();
            p.numbers().forEach((name, v) -> numbers.append(numbers.length() == 0 ? "" : "; ").append(name)
                    .append(' ').append(String.format(Locale.ROOT, "%,.4g", v)));
            if (numbers.length() > 0) {
                details.add(numbers.append('.').toString());
            }
            found.add(new ReportModel.Improvement(k, p.summary(), details, p.score(), "analysis: " + p.kind()));
        }
        model.improvements.addAll(at, found);
        model.notes.addAll(points.notes());
        model.feeds.put("Improvement points", model.feeds.get("Improvement points") + "; the analysis of results"
                + " (io.kpiengine.core.analyze: unusual changes, contributors, trend breaks, leading indicators)");
    }
}
