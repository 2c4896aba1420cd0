/**
 * Statistics on time series and samples for KPI analysis: lead/lag relations, trend, seasonality, driver
 * attribution, and A/B tests and pilots. The package knows nothing of catalogs or KPIs; its inputs are named
 * {@link io.kpiengine.analysis.Series} (period-ordered numbers, NaN for a missing point), plain arrays and counts.
 *
 * <table>
 * <caption>Entry points and the reference each one matches</caption>
 * <tr><th>question</th><th>entry point</th><th>reference</th></tr>
 * <tr><td>does one series move first?</td><td>{@link io.kpiengine.analysis.LeadLag},
 *     {@link io.kpiengine.analysis.CrossCorrelation}, {@link io.kpiengine.analysis.Granger},
 *     {@link io.kpiengine.analysis.LaggedRegression}, {@link io.kpiengine.analysis.EarlyWarning}</td>
 *     <td>statsmodels {@code ccf}, {@code grangercausalitytests}, {@code OLS}</td></tr>
 * <tr><td>which of many series lead which?</td><td>{@link io.kpiengine.analysis.LeadLagScan},
 *     {@link io.kpiengine.analysis.PValues}</td><td>statsmodels {@code multipletests}</td></tr>
 * <tr><td>is there a trend, a shift?</td><td>{@link io.kpiengine.analysis.Trend},
 *     {@link io.kpiengine.analysis.ChangePoints}, {@link io.kpiengine.analysis.Changes},
 *     {@link io.kpiengine.analysis.Smoothing}</td><td>scipy {@code linregress}, {@code theilslopes}; pandas
 *     {@code pct_change}, {@code rolling}, {@code ewm}; PELT</td></tr>
 * <tr><td>what is seasonal?</td><td>{@link io.kpiengine.analysis.Decomposition}</td>
 *     <td>statsmodels {@code seasonal_decompose}</td></tr>
 * <tr><td>what drove a change?</td><td>{@link io.kpiengine.analysis.Attribution},
 *     {@link io.kpiengine.analysis.MixRate}, {@link io.kpiengine.analysis.Funnel}</td>
 *     <td>LMDI-I (Ang 2005), Shapley values</td></tr>
 * <tr><td>did the change work?</td><td>{@link io.kpiengine.analysis.Proportions},
 *     {@link io.kpiengine.analysis.Means}, {@link io.kpiengine.analysis.Power},
 *     {@link io.kpiengine.analysis.SampleRatio}, {@link io.kpiengine.analysis.DiffInDiff}</td>
 *     <td>statsmodels {@code proportions_ztest}, {@code NormalIndPower}; scipy {@code ttest_ind},
 *     {@code chisquare}</td></tr>
 * </table>
 *
 * <p>Conventions. A number that cannot be computed from valid input (the correlation of a constant series) is an
 * absent {@link io.kpiengine.analysis.Figure} or {@link io.kpiengine.analysis.Points} entry with its reason, never
 * NaN; input a statistic cannot use (too few points for the lag asked, a missing point under
 * {@link io.kpiengine.analysis.MissingPolicy#ERROR}) is an {@link io.kpiengine.analysis.AnalysisException}; misuse
 * (a negative lag, a null) is an {@link IllegalArgumentException} or {@link NullPointerException}. Results are
 * immutable and thread-safe; builders are not. Distributions, special functions and small linear algebra come from
 * Hipparchus, which no public signature mentions.
 */
@NullMarked
package io.kpiengine.analysis;

import org.jspecify.annotations.NullMarked;
