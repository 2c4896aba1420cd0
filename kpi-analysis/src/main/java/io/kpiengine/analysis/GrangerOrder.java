package io.kpiengine.analysis;

/**
 * The Granger causality tests of one lag order, as statsmodels 0.13 {@code grangercausalitytests} reports them for
 * that order: with {@code ssrR} and {@code ssrU} the residual sums of squares of the restricted and unrestricted
 * regressions on {@code m = n - order} rows (see {@link Granger}),
 * <ul>
 *   <li>ssr F test: {@code F = (ssrR - ssrU) / ssrU * (m - 2 order - 1) / order}, F({@code order},
 *       {@code m - 2 order - 1}) upper tail ({@code "ssr_ftest"}; identical to {@code "params_ftest"} and R's
 *       {@code lmtest::grangertest});</li>
 *   <li>ssr chi-square test: {@code chi2 = m (ssrR - ssrU) / ssrU}, chi-square({@code order}) upper tail
 *       ({@code "ssr_chi2test"});</li>
 *   <li>likelihood-ratio test: {@code lr = m ln(ssrR / ssrU)}, chi-square({@code order}) upper tail
 *       ({@code "lrtest"}).</li>
 * </ul>
 *
 * @param order the lag order p
 * @param observations the rows of both regressions, {@code m = n - p}
 * @param dfNum the numerator degrees of freedom of the F test, {@code p}
 * @param dfDenom the denominator degrees of freedom of the F test, {@code m - 2p - 1}
 * @param f the ssr F statistic
 * @param fPValue its p-value
 * @param chi2 the ssr chi-square statistic
 * @param chi2PValue its p-value
 * @param lr the likelihood-ratio statistic
 * @param lrPValue its p-value
 */
public record GrangerOrder(int order, int observations, int dfNum, int dfDenom, double f, double fPValue,
        double chi2, double chi2PValue, double lr, double lrPValue) {
}
