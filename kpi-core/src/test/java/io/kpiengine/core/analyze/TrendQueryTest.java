package io.kpiengine.core.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kpiengine.analysis.AnalysisException;
import io.kpiengine.analysis.Decomposition;
import io.kpiengine.analysis.MissingPolicy;
import io.kpiengine.analysis.SeasonalComponents;
import io.kpiengine.analysis.Series;
import io.kpiengine.analysis.Stl;
import io.kpiengine.analysis.Trend;
import io.kpiengine.core.KpiResults;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TrendQueryTest {

    /** 30 weeks of email revenue: about 500 for 20 weeks, then about 800; average revenue has no row in week 5. */
    static Fixture step() {
        Random random = new Random(3);
        long[] revenue = new long[30];
        long[] visitors = new long[30];
        for (int w = 0; w < 30; w++) {
            revenue[w] = Math.round((w < 20 ? 500 : 800) + 10 * random.nextGaussian());
            visitors[w] = w == 5 ? -1 : 100;
        }
        return new Fixture().channel("email", visitors, new long[30], revenue);
    }

    @Test
    void trend_stepSeries_findsTheBreakPeriodAndTheSlopesOfTheRawValues() {
        Fixture f = step();
        KpiResults r = f.results();

        TrendReport t = r.trend("revenue").segment(Map.of("channel", "email")).run();

        double[] raw = new double[30];
        for (int w = 0; w < 30; w++) {
            raw[w] = w == 5 ? 0 : f.channels.get("email")[2][w];
        }
        assertThat(t.series().size()).isEqualTo(30);
        assertThat(t.ols()).isEqualTo(Trend.ols(Series.of("x", raw), 0.95, MissingPolicy.ERROR));
        assertThat(t.theilSen().slope()).isEqualTo(Trend.theilSen(Series.of("x", raw)).slope());
        assertThat(t.mannKendall().s()).isEqualTo(Trend.mannKendall(Series.of("x", raw)).s());
        assertThat(t.breaks()).contains(Fixture.week(20));
    }

    @Test
    void trend_dropPolicy_mapsTheBreakToItsPeriodPastTheGap() {
        TrendReport t = step().results().trend("avg_revenue").segment(Map.of("channel", "email"))
                .missing(MissingPolicy.DROP).run();

        assertThat(t.ols().observations()).isEqualTo(29);
        assertThat(t.changePoints().indices()).contains(19);   // 20th present point
        assertThat(t.breaks()).containsExactly(Fixture.week(20));
    }

    @Test
    void decompose_explicitPeriod_equalsTheDecompositionOfTheRawValues() {
        KpiResults r = LeadLagQueryTest.RESULTS;
        double[] total = LeadLagQueryTest.totalRevenue();

        SeasonalComponents ours = r.decompose("total_revenue").period(4).run();
        Decomposition direct = Decomposition.of(Series.of("total_revenue", total), 4, Decomposition.Model.ADDITIVE);
        assertThat(ours).isInstanceOf(Decomposition.class);
        assertThat(ours.seasonal().toArray()).containsExactly(direct.seasonal().toArray());
        assertThat(ours.trend()).isEqualTo(direct.trend());

        SeasonalComponents stl = r.decompose("total_revenue").period(4).stl(true).run();
        assertThat(stl.trend().toArray()).containsExactly(Stl.of(Series.of("total_revenue", total), 4, true)
                .trend().toArray());
        SeasonalComponents multiplicative = r.decompose("total_revenue").period(4)
                .model(Decomposition.Model.MULTIPLICATIVE).run();
        assertThat(((Decomposition) multiplicative).model()).isEqualTo(Decomposition.Model.MULTIPLICATIVE);
    }

    @Test
    void decompose_weeklyTableWithoutPeriod_takesFiftyTwoWeeks() {
        assertThatThrownBy(() -> LeadLagQueryTest.RESULTS.decompose("total_revenue").run())
                .isInstanceOf(AnalysisException.class)
                .hasMessage("seasonal decomposition: series 'total_revenue' has 60 points; period 52 needs at least"
                        + " 104 (two full periods)");
    }

    @Test
    void decompose_modelAndStl_excludeEachOther() {
        assertThatThrownBy(() -> LeadLagQueryTest.RESULTS.decompose("total_revenue").stl(false)
                .model(Decomposition.Model.ADDITIVE)).isInstanceOf(IllegalStateException.class)
                .hasMessage("model applies to the classical decomposition, but stl(false) was chosen");
        assertThatThrownBy(() -> LeadLagQueryTest.RESULTS.decompose("total_revenue").period(1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
