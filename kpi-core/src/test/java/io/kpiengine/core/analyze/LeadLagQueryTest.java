package io.kpiengine.core.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kpiengine.analysis.EarlyWarning;
import io.kpiengine.analysis.LeadLag;
import io.kpiengine.analysis.LeadLagAnalysis;
import io.kpiengine.analysis.LeadLagFinding;
import io.kpiengine.analysis.LeadLagRanking;
import io.kpiengine.analysis.LeadLagScan;
import io.kpiengine.analysis.MissingPolicy;
import io.kpiengine.analysis.Series;
import io.kpiengine.core.KpiResults;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The adapter hands the statistics the same numbers a user would compute from the raw rows: the oracle is the weekly
 * sum of the fixture's rows in plain Java, fed to kpi-analysis directly.
 */
class LeadLagQueryTest {

    static final Fixture SHOP = Fixture.shop();
    static final KpiResults RESULTS = SHOP.results();

    static double[] column(String channel, int field) {
        long[] v = SHOP.channels.get(channel)[field];
        double[] out = new double[v.length];
        for (int w = 0; w < v.length; w++) {
            out[w] = v[w];
        }
        return out;
    }

    static double[] totalRevenue() {
        double[] out = new double[60];
        for (long[][] c : SHOP.channels.values()) {
            for (int w = 0; w < 60; w++) {
                out[w] += c[2][w];
            }
        }
        return out;
    }

    @Test
    void leadLag_emailVisitorsAndTotalRevenue_findsTheBuiltInTwoWeekLeadWithTheNumbersOfTheRawRows() {
        LeadLagAnalysis ours = RESULTS.leadLag("visitors", "total_revenue").leadingSegment(Map.of("channel", "email"))
                .maxLag(6).run();
        LeadLagAnalysis direct = LeadLag.of(Series.of("visitors (channel=email)", column("email", 0)),
                Series.of("total_revenue", totalRevenue())).maxLag(6).run();

        assertThat(ours.lead()).hasValue(2);
        assertThat(ours.crossCorrelation().values()).containsExactly(direct.crossCorrelation().values());
        assertThat(ours.granger().order(2).orElseThrow().fPValue())
                .isEqualTo(direct.granger().order(2).orElseThrow().fPValue()).isLessThan(1e-6);
        EarlyWarning warning = ours.earlyWarning("week").orElseThrow();
        assertThat(warning.sentence()).isEqualTo(direct.earlyWarning("week").orElseThrow().sentence())
                .startsWith("visitors (channel=email) fell 40.0 % in the last week; total_revenue is expected to fall");
        assertThat(warning.forecast().expected()).isNegative();
    }

    @Test
    void leadLag_searchVisitors_leadNothing() {
        LeadLagAnalysis a = RESULTS.leadLag("visitors", "total_revenue").leadingSegment(Map.of("channel", "search"))
                .maxLag(6).run();
        assertThat(a.granger().order(2).orElseThrow().fPValue()).isGreaterThan(0.001);
        assertThat(a.earlyWarning("week").map(EarlyWarning::lead).orElse(0)).isNotEqualTo(2);
    }

    @Test
    void leadLag_dropPolicy_isRefusedByTheStatistic() {
        assertThatThrownBy(() -> RESULTS.leadLag("visitors", "total_revenue").leadingSegment(Map.of("channel", "email"))
                .missing(MissingPolicy.DROP).run()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DROP");
    }

    @Test
    void leadLag_unknownMetric_failsAtOnce() {
        assertThatThrownBy(() -> RESULTS.leadLag("visits", "total_revenue"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("did you mean 'visitors'?");
    }

    @Test
    void scan_everySegmentOfTheMetrics_equalsTheScanOfTheRawSeries() {
        LeadLagRanking ours = RESULTS.scan("visitors", "total_revenue").maxLag(6).maxOrder(3).run();
        List<Series> raw = new ArrayList<>();
        for (String c : List.of("email", "search", "social")) {
            raw.add(Series.of("visitors (channel=" + c + ")", column(c, 0)));
        }
        raw.add(Series.of("total_revenue", totalRevenue()));
        LeadLagRanking direct = LeadLagScan.of(raw).maxLag(6).maxOrder(3).run();

        assertThat(ours.tested()).isEqualTo(12);
        assertThat(ours.findings()).extracting(LeadLagFinding::leading, LeadLagFinding::lagging)
                .containsExactlyElementsOf(direct.findings().stream().map(f -> org.assertj.core.groups.Tuple.tuple(
                        f.leading(), f.lagging())).toList());
        LeadLagFinding top = ours.findings().get(0);
        assertThat(top.leading()).isEqualTo("visitors (channel=email)");
        assertThat(top.lagging()).isEqualTo("total_revenue");
        assertThat(top.lead()).hasValue(2);
        assertThat(RESULTS.scan("visitors", "total_revenue").where("channel", "email").series())
                .extracting(MetricSeries::label).containsExactly("visitors (channel=email)", "total_revenue");
    }
}
