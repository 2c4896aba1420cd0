package io.kpiengine.report.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kpiengine.core.analyze.ImprovementPoint;
import io.kpiengine.core.analyze.ImprovementPoints;
import io.kpiengine.core.score.GoalTree;
import io.kpiengine.core.score.RankedEntity;
import io.kpiengine.core.score.ScoreCard;
import io.kpiengine.core.score.ScoreResults;
import io.kpiengine.core.score.Scores;
import io.kpiengine.report.ReportSamples;
import io.kpiengine.report.View;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class MoreFeedsTest {

    private static final ReportSamples.Sample SAMPLE = ReportSamples.generate(1, 5, 24, 21, false);

    @Test
    void scores_rankTheEntitiesOfTheCurrentPeriodAsTheScoreCardDoes() {
        GoalTree tree = GoalTree.builder("health").entity("region").kpi("revenue_0", "health", 0.6)
                .kpi("conversion_0", "health", 0.4).build();
        ScoreResults scores = ScoreCard.of(tree).score(SAMPLE.results());
        ReportModel m = ModelBuilder.build(new Inputs(SAMPLE.catalog(), SAMPLE.results(), null, Locale.US,
                List.of(View.values()), List.of(), 24, null, null, List.of(scores), null));
        assertThat(m.composites).hasSize(1);
        ReportModel.Composite c = m.composites.get(0);
        Scores dec = scores.scores(m.periods.get(m.current)).orElseThrow();
        List<RankedEntity> expected = dec.ranking("health");
        assertThat(c.rows()).hasSize(5);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(c.rows().get(i).entity()).isEqualTo(expected.get(i).entity());
            assertThat(c.rows().get(i).score()).isEqualTo(expected.get(i).score());
            assertThat(c.rows().get(i).rank()).isEqualTo(expected.get(i).rank());
            assertThat(c.rows().get(i).history()[m.current]).isEqualTo(expected.get(i).score());
        }
        assertThat(m.feeds).containsKey("Composite scores");
    }

    @Test
    void analysis_pointsFollowThePointsAboutTargetsInTheirOrder() {
        ImprovementPoints points = SAMPLE.results().improvementPoints().run();
        assertThat(points.points()).isNotEmpty();
        ReportModel m = ModelBuilder.build(new Inputs(SAMPLE.catalog(), SAMPLE.results(), null, Locale.US,
                List.of(View.values()), List.of(), 24, null, null, List.of(), points));
        List<ReportModel.Improvement> found = m.improvements.stream()
                .filter(i -> i.source().startsWith("analysis: ")).toList();
        assertThat(found).extracting(ReportModel.Improvement::title)
                .containsExactlyElementsOf(points.points().stream().map(ImprovementPoint::summary).toList());
        int first = m.improvements.indexOf(found.isEmpty() ? null : found.get(0));
        assertThat(m.improvements.subList(0, Math.max(0, first))).allMatch(i -> i.source().equals("results"));
        assertThat(m.feeds.get("Improvement points")).contains("io.kpiengine.core.analyze");
    }
}
