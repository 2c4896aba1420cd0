package io.kpiengine.analysis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tails against scipy 1.10.1 ({@code scipy.stats.norm/t/f/chi2}): {@code sf} for the upper tails, {@code 2 * t.sf(t,
 * v)} for the two-sided t p-value. The tiny tails (1e-19, 1e-62) are the reason the upper tails are not computed as
 * {@code 1 - cdf}. Quantiles against mpmath at 40 digits (root of the exact cdf), because scipy 1.10's {@code t.ppf}
 * is off by up to 4e-10 relative ({@code t.ppf(0.975, 5) = 2.5705818366147395}, true value 2.5705818356363155) and
 * the erfcinv-based start of the normal quantile by 2e-9 at {@code p = 1e-10}.
 *
 * <pre>
 * from scipy import stats
 * stats.norm.sf(9.0); stats.f.sf(80.0, 4, 1812); stats.chi2.sf(300.0, 4)   # ...
 * import mpmath as m; m.mp.dps = 40
 * f = lambda t: m.betainc(df/2., 0.5, 0, df/(df+t*t), regularized=True)/2 - (1-p)   # upper tail, t &gt; 0
 * m.findroot(f, 2.0); m.sqrt(2)*m.erfinv(2*p-1)
 * </pre>
 */
class TailsTest {

    @ParameterizedTest(name = "{0}({1}, {2}, {3}) = {4}")
    @CsvSource({
        "normalSf, 1.959963984540054, 0, 0, 0.025",
        "normalSf, 9.0, 0, 0, 1.1285884059538324e-19",
        "normalCdf, -1.3, 0, 0, 0.09680048458561036",
        "normalQuantile, 0.975, 0, 0, 1.959963984540054",
        "normalQuantile, 1e-10, 0, 0, -6.361340902404056",
        "tTwoSided, 2.1, 7.5, 0, 0.07123707145807805",
        "tTwoSided, 12.0, 40.0, 0, 7.82417130425597e-15",
        "tQuantile, 0.975, 5.0, 0, 2.570581835636315",
        "tQuantile, 0.995, 17.3, 0, 2.8920276411272935",
        "tQuantile, 0.025, 100.0, 0, -1.9839715185235523",
        "fSf, 5.405, 3.0, 44.0, 0.002966349333103223",
        "fSf, 80.0, 4.0, 1812.0, 1.4021440386358051e-62",
        "fSf, 0.3, 2.0, 1000.0, 0.7408848706621587",
        "chi2Sf, 16.2, 3.0, 0, 0.0010317868098302359",
        "chi2Sf, 300.0, 4.0, 0, 1.083439491947837e-63",
        "chi2Sf, 0.5, 1.0, 0, 0.47950012218695337",
    })
    void tails_againstScipy_agreeToTwelveDigits(String function, double a, double b, double c, double expected) {
        double actual = switch (function) {
            case "normalSf" -> Tails.normalSf(a);
            case "normalCdf" -> Tails.normalCdf(a);
            case "normalQuantile" -> Tails.normalQuantile(a);
            case "tTwoSided" -> Tails.tTwoSided(a, b);
            case "tQuantile" -> Tails.tQuantile(a, b);
            case "fSf" -> Tails.fSf(a, b, c);
            case "chi2Sf" -> Tails.chi2Sf(a, b);
            default -> throw new AssertionError(function);
        };
        assertThat(actual).isCloseTo(expected, within(Math.abs(expected) * 1e-12));
    }
}
