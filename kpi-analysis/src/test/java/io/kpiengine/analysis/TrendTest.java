package io.kpiengine.analysis;

import static io.kpiengine.analysis.GrangerTest.assertRelative;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Trend statistics against scipy 1.10.1 and the Mann–Kendall definition, on the daily website visitors. */
class TrendTest {

    /*
     * d = pd.read_csv("daily_website_visitors.csv", thousands=","); y = d["Unique.Visits"].values.astype(float)
     * r = stats.linregress(np.arange(len(y), dtype=float), y)
     * r.slope, r.intercept, r.rvalue**2, r.pvalue, r.stderr; stats.t.ppf(0.975, len(y) - 2) = 1.9610603242491742
     */
    @Test
    void ols_visitors_equalsScipyLinregress() {
        LinearTrend line = Trend.ols(Datasets.visitors("Unique.Visits"));

        assertThat(line.observations()).isEqualTo(2167);
        assertRelative(line.slope(), 0.12337815100626259, 1e-11);
        assertRelative(line.intercept(), 2810.0279783808455, 1e-12);
        assertRelative(line.rSquared().value(), 0.0062321311121090114, 1e-9);
        assertRelative(line.pValue().value(), 0.00023457256680718534, 1e-9);
        assertRelative(line.standardError(), 0.03348370382138408, 1e-10);
        // t.ppf here is the true quantile; scipy's own differs by < 1e-9 relative (see TailsTest)
        assertRelative(line.slopeInterval().low(), 0.12337815100626259 - 1.9610603242491742 * 0.03348370382138408,
                1e-9);
        assertRelative(line.slopeInterval().high(), 0.12337815100626259 + 1.9610603242491742 * 0.03348370382138408,
                1e-9);
    }

    /* ts = stats.theilslopes(y, np.arange(len(y), dtype=float), 0.95) */
    @Test
    void theilSen_visitors_equalsScipyTheilslopes() {
        TheilSenTrend line = Trend.theilSen(Datasets.visitors("Unique.Visits"));

        assertRelative(line.slope(), 0.12346437346437346, 1e-14);
        assertRelative(line.intercept(), 2780.2880835380834, 1e-14);
        assertRelative(line.slopeInterval().low(), 0.05422647527910686, 1e-14);
        assertRelative(line.slopeInterval().high(), 0.19257221458046767, 1e-14);
    }

    /* ts = stats.theilslopes(y[:200], None, 0.90) */
    @Test
    void theilSen_first200At90_equalsScipyTheilslopes() {
        double[] y = Arrays.copyOf(Datasets.column("daily_website_visitors.csv", "Unique.Visits"), 200);
        TheilSenTrend line = Trend.theilSen(Series.of("visits", y), 0.90, MissingPolicy.ERROR);

        assertRelative(line.slope(), 3.8119642857142857, 1e-14);
        assertRelative(line.intercept(), 2349.2095535714284, 1e-14);
        assertRelative(line.slopeInterval().low(), 2.0112359550561796, 1e-14);
        assertRelative(line.slopeInterval().high(), 5.54054054054054, 1e-14);
    }

    /*
     * The definition, written out:
     * s = sum(np.sign(y[i+1:] - y[i]).sum() for i in range(n-1)); _, c = np.unique(y, return_counts=True)
     * var = (n*(n-1)*(2*n+5) - sum(g*(g-1)*(2*g+5) for g in c)) / 18
     * z = (s-1)/sqrt(var) if s > 0 else (s+1)/sqrt(var) if s < 0 else 0; p = 2*stats.norm.sf(abs(z)); tau = s/(n(n-1)/2)
     * checked against scipy: stats.kendalltau(np.arange(n), y).statistic * sqrt(n0*(n0-n1)) == s
     */
    @Test
    void mannKendall_returningVisitsWithTies_equalsDefinition() {
        double[] y = Arrays.copyOf(Datasets.column("daily_website_visitors.csv", "Returning.Visits"), 200);
        MannKendallTest mk = Trend.mannKendall(Series.of("returning", y));

        assertThat(mk.s()).isEqualTo(7043);
        assertRelative(mk.variance().value(), 895461.6666666666, 1e-14);
        assertRelative(mk.z().value(), 7.441706220346877, 1e-13);
        assertRelative(mk.pValue().value(), 9.939307015968242e-14, 1e-10);
        assertRelative(mk.tau(), 0.35391959798994976, 1e-14);
        assertThat(mk.direction()).isEqualTo(TrendDirection.INCREASING);
    }

    @Test
    void mannKendall_uniqueVisits_equalsDefinition() {
        MannKendallTest mk = Trend.mannKendall(Datasets.visitors("Unique.Visits"));

        assertThat(mk.s()).isEqualTo(117905);
        assertRelative(mk.variance().value(), 1131446999.0, 1e-14);
        assertRelative(mk.z().value(), 3.5051889324092773, 1e-13);
        assertRelative(mk.pValue().value(), 0.0004562833590137986, 1e-10);
    }

    @Test
    void trends_exactLine_recoverSlopeAndIntercept() {
        double[] y = new double[50];
        for (int t = 0; t < y.length; t++) {
            y[t] = 7 - 0.25 * t;
        }
        Series line = Series.of("line", y);

        assertThat(Trend.theilSen(line).slope()).isEqualTo(-0.25);
        assertThat(Trend.theilSen(line).intercept()).isEqualTo(7);
        assertRelative(Trend.ols(line).slope(), -0.25, 1e-14);
        assertThat(Trend.ols(line).pValue().value()).isZero();
        assertThat(Trend.mannKendall(line).s()).isEqualTo(-50 * 49 / 2);
        assertThat(Trend.mannKendall(line).direction()).isEqualTo(TrendDirection.DECREASING);
    }

    /** Under DROP a point keeps its period index: dropping points of an exact line leaves the line. */
    @Test
    void trends_dropMissing_keepPositions() {
        Random random = new Random(8);
        double[] y = new double[40];
        for (int t = 0; t < y.length; t++) {
            y[t] = random.nextInt(5) == 0 ? Double.NaN : 3 + 2 * t;
        }
        Series gappy = Series.of("gappy", y);

        assertThat(Trend.theilSen(gappy, 0.95, MissingPolicy.DROP).slope()).isEqualTo(2);
        assertThat(Trend.theilSen(gappy, 0.95, MissingPolicy.DROP).intercept()).isEqualTo(3);
        assertRelative(Trend.ols(gappy, 0.95, MissingPolicy.DROP).intercept(), 3, 1e-12);
        assertThatThrownBy(() -> Trend.ols(gappy))
                .isInstanceOf(AnalysisException.class)
                .hasMessageStartingWith("ols trend: series 'gappy' has ");
    }

    @Test
    void trends_constant_areAbsentWithReason() {
        Series flat = Series.of("flat", 4, 4, 4, 4, 4);

        assertThat(Trend.ols(flat).slope()).isZero();
        assertThat(Trend.ols(flat).pValue().reason())
                .contains("series 'flat' is constant; R² and the p-value are undefined");
        MannKendallTest mk = Trend.mannKendall(flat);
        assertThat(mk.s()).isZero();
        assertThat(mk.pValue().reason()).contains("series 'flat' is constant; the test is undefined");
        assertThat(Trend.theilSen(flat).slope()).isZero();
    }

    @Test
    void trends_tooShort_nameTheMinimum() {
        assertThatThrownBy(() -> Trend.mannKendall(Series.of("x", 1, Double.NaN, 2), 0.05, MissingPolicy.DROP))
                .isInstanceOf(AnalysisException.class)
                .hasMessage("mann-kendall: series 'x' has 2 present points; needs at least 3");
    }
}
