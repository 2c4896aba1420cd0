package io.kpiengine.analysis;

import static io.kpiengine.analysis.GrangerTest.assertRelative;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Lagged regression against statsmodels 0.13.5 OLS: {@code y[t] = a + b x[t-L]} by least squares; slope interval
 * {@code b ± t(0.975, m-2) s / sqrt(Sxx)} ({@code conf_int(0.05)}); prediction interval {@code a + b x0 ± t s
 * sqrt(1 + 1/m + (x0 - mean x)^2 / Sxx)} ({@code get_prediction().summary_frame()["obs_ci_*"]}).
 */
class LaggedRegressionTest {

    /*
     * n = 60; t = np.arange(n)
     * x = 100 + 10*np.sin(t/3.0) + 0.5*t + 2*np.cos(t*2.3)
     * y = np.empty(n); y[:2] = [80, 81]; y[2:] = 50 + 0.8*x[:-2] + 3*np.cos(t[2:]*1.7)
     * gx, gy = x, y        (levels)   or   gx, gy = x[1:]/x[:-1] - 1, y[1:]/y[:-1] - 1   (changes)
     * r = sm.OLS(gy[2:], sm.add_constant(gx[:-2])).fit()
     * r.params; r.conf_int(0.05)[1]; r.rsquared; np.sqrt(r.mse_resid); r.nobs
     * r.get_prediction(np.array([[1.0, gx[-1]]])).summary_frame(alpha=0.05)
     */
    static Series[] pair() {
        int n = 60;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            x[t] = 100 + 10 * Math.sin(t / 3.0) + 0.5 * t + 2 * Math.cos(t * 2.3);
        }
        y[0] = 80;
        y[1] = 81;
        for (int t = 2; t < n; t++) {
            y[t] = 50 + 0.8 * x[t - 2] + 3 * Math.cos(t * 1.7);
        }
        return new Series[] {Series.of("signups", x), Series.of("revenue", y)};
    }

    @Test
    void fit_levels_equalsStatsmodelsOls() {
        Series[] s = pair();
        LaggedRegression fit = LaggedRegression.fit(s[0], s[1], 2, LaggedRegression.Scale.LEVELS, 0.95);

        assertThat(fit.observations()).isEqualTo(58);
        assertRelative(fit.intercept(), 49.15311541886952, 1e-10);
        assertRelative(fit.slope(), 0.8074166559452483, 1e-12);
        assertRelative(fit.slopeInterval().low(), 0.7477972972347188, 1e-9);
        assertRelative(fit.slopeInterval().high(), 0.8670360146557777, 1e-9);
        assertRelative(fit.rSquared().value(), 0.9292943320037006, 1e-12);
        assertRelative(fit.residualStandardError(), 2.1751486327703855, 1e-10);
        Forecast f = fit.forecast();
        assertRelative(f.leadingValue(), 135.1541593596854, 1e-14);
        assertRelative(f.expected(), 158.27883480615787, 1e-12);
        assertRelative(f.prediction().low(), 153.71146239169158, 1e-9);
        assertRelative(f.prediction().high(), 162.84620722062417, 1e-9);
    }

    @Test
    void fit_percentChanges_equalsStatsmodelsOlsOnChanges() {
        Series[] s = pair();
        LaggedRegression fit = LaggedRegression.fit(s[0], s[1], 2, LaggedRegression.Scale.PERCENT_CHANGES, 0.95);

        assertThat(fit.observations()).isEqualTo(57);
        assertRelative(fit.intercept(), 0.0008083620233564267, 1e-8);
        assertRelative(fit.slope(), 0.6627784608791014, 1e-10);
        assertRelative(fit.slopeInterval().low(), 0.4631831971504843, 1e-9);
        assertRelative(fit.slopeInterval().high(), 0.8623737246077186, 1e-9);
        assertRelative(fit.rSquared().value(), 0.4460360533043026, 1e-10);
        assertRelative(fit.residualStandardError(), 0.023187007044627096, 1e-10);
        Forecast f = fit.forecast();
        assertRelative(f.leadingValue(), 0.009471204397509814, 1e-12);
        assertRelative(f.expected(), 0.007085672296609358, 1e-9);
        assertRelative(f.prediction().low(), -0.03979678410630849, 1e-9);
        assertRelative(f.prediction().high(), 0.053968128699527204, 1e-9);
    }

    @Test
    void fit_zeroUnderPercentChanges_isErrorNamingIndex() {
        Series x = Series.of("signups", 5, 6, 0, 7, 8, 9, 10);
        Series y = Series.of("revenue", 1, 2, 3, 4, 5, 6, 7);
        assertThatThrownBy(() -> LaggedRegression.fit(x, y, 1, LaggedRegression.Scale.PERCENT_CHANGES, 0.95))
                .isInstanceOf(AnalysisException.class)
                .hasMessage("lagged regression: series 'signups' is 0 at index 2; percent changes need non-zero"
                        + " values, use Scale.LEVELS");
    }

    @Test
    void fit_constantLeading_isErrorSlopeUndefined() {
        Series x = Series.of("signups", 5, 5, 5, 5, 5, 5);
        Series y = Series.of("revenue", 1, 2, 3, 4, 5, 6);
        assertThatThrownBy(() -> LaggedRegression.fit(x, y, 1, LaggedRegression.Scale.LEVELS, 0.95))
                .isInstanceOf(AnalysisException.class)
                .hasMessage("lagged regression: series 'signups' is constant over the fitted rows; the slope is"
                        + " undefined");
    }

    @Test
    void fit_constantLagging_hasNoRSquaredWithReason() {
        Series x = Series.of("signups", 1, 3, 2, 5, 4, 6);
        Series y = Series.of("revenue", 7, 7, 7, 7, 7, 7);
        LaggedRegression fit = LaggedRegression.fit(x, y, 1, LaggedRegression.Scale.LEVELS, 0.95);

        assertThat(fit.slope()).isZero();
        assertThat(fit.rSquared().reason())
                .contains("series 'revenue' is constant over the fitted rows; R² is undefined");
    }

    @Test
    void earlyWarning_strongLead_rendersSentenceFromTheNumbers() {
        Series[] s = pair();
        LeadLagAnalysis analysis = LeadLag.of(s[0], s[1]).maxLag(4).maxOrder(2)
                .prewhitening(Prewhitening.difference()).run();

        assertThat(analysis.lead()).hasValue(2);
        EarlyWarning warning = analysis.earlyWarning("week").orElseThrow();
        LaggedRegression fit = LaggedRegression.fit(s[0], s[1], 2, LaggedRegression.Scale.PERCENT_CHANGES, 0.95);
        assertThat(warning.forecast()).isEqualTo(fit.forecast());
        assertThat(warning.grangerPValue().value())
                .isEqualTo(Granger.test(s[0], s[1], 2).order(2).orElseThrow().fPValue());
        // 0.947 % rise of signups, 0.709 % expected rise of revenue ± 4.688 %, R² 0.446
        assertThat(warning.sentence()).isEqualTo("signups rose 0.9 % in the last week; revenue is expected to rise"
                + " 0.7 % ± 4.7 % in 2 weeks (lead 2 weeks, R² 0.45, Granger p < 0.001)");
    }

    @Test
    void earlyWarning_noSignificantLead_isEmptyWithReason() {
        Series x = Series.of("a", 1, 4, 2, 8, 5, 7, 1, 3, 9, 2, 6, 4, 8, 1, 5);
        Series y = Series.of("b", 3, 3, 9, 1, 4, 4, 6, 2, 2, 8, 1, 9, 3, 5, 7);
        LeadLagAnalysis analysis = LeadLag.of(x, y).maxLag(3).maxOrder(1).run();

        assertThat(analysis.earlyWarning("day")).isEmpty();
        assertThat(analysis.regressionReason().orElseThrow()).startsWith("no lag in 1..3 where 'a' leads 'b' beyond"
                + " the 95 % band (largest |r| ");
    }

    @Test
    void leadLag_optionSetTwice_fails() {
        Series[] s = pair();
        LeadLag builder = LeadLag.of(s[0], s[1]).maxLag(3);
        assertThatThrownBy(() -> builder.maxLag(4))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("maxLag was already set to 3");
    }
}
