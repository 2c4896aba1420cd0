package io.kpiengine.analysis;

import io.kpiengine.analysis.internal.Tails;
import java.util.Objects;

/**
 * Welch's t test for A/B experiments on means (order value, time on site) and for pilots.
 *
 * <p><b>Definition</b> (scipy 1.10 {@code ttest_ind(b, a, equal_var=False)}): with sample variances {@code s^2}
 * (ddof 1) and {@code vA = sA^2 / nA}, {@code vB = sB^2 / nB}: {@code t = (mean B - mean A) / sqrt(vA + vB)},
 * Welch–Satterthwaite {@code df = (vA + vB)^2 / (vA^2 / (nA - 1) + vB^2 / (nB - 1))}, two-sided Student p-value.
 * The absolute lift interval is {@code meanB - meanA ± t(df) sqrt(vA + vB)}; the relative lift's is the delta-method
 * interval of {@link Lift} with the normal quantile.
 *
 * <p>Missing values (NaN) follow a {@link MissingPolicy}: {@link MissingPolicy#DROP} is scipy's
 * {@code nan_policy="omit"}; {@link MissingPolicy#INTERPOLATE} makes no sense for a sample and is refused.
 *
 * <pre>{@code
 * WelchTest t = Means.welch(controlOrderValues, treatmentOrderValues);
 * t.lift().relativeInterval().ifPresent(i -> System.out.println(i.low() + " .. " + i.high()));
 * }</pre>
 */
public final class Means {

    private Means() {
    }

    /**
     * Tests equal means with a 95 % interval; a missing value is an error.
     *
     * @param control the control sample, at least 2 values
     * @param treatment the treatment sample, at least 2 values
     * @return the test
     * @throws NullPointerException if a sample is null
     * @throws IllegalArgumentException if a value is infinite
     * @throws AnalysisException if a sample has fewer than 2 values or a missing value
     */
    public static WelchTest welch(double[] control, double[] treatment) {
        return welch(control, treatment, 0.95, MissingPolicy.ERROR);
    }

    /**
     * Tests equal means.
     *
     * @param control the control sample
     * @param treatment the treatment sample
     * @param confidence the level of the intervals, in (0, 1)
     * @param missing {@link MissingPolicy#ERROR} or {@link MissingPolicy#DROP}
     * @return the test
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code confidence} is not in (0, 1), a value is infinite, or
     *     {@code missing} is {@link MissingPolicy#INTERPOLATE}
     * @throws AnalysisException if fewer than 2 values remain in a sample, or a value is missing under
     *     {@link MissingPolicy#ERROR}
     */
    public static WelchTest welch(double[] control, double[] treatment, double confidence, MissingPolicy missing) {
        Objects.requireNonNull(control, "control");
        Objects.requireNonNull(treatment, "treatment");
        Objects.requireNonNull(missing, "missing");
        LaggedRegression.checkConfidence(confidence);
        if (missing == MissingPolicy.INTERPOLATE) {
            throw new IllegalArgumentException("missing must be ERROR or DROP: a sample has no order to interpolate in");
        }
        Moments a = Moments.of(control, "control sample", "welch t test", missing);
        Moments b = Moments.of(treatment, "treatment sample", "welch t test", missing);
        return compare(a, b, confidence);
    }

    static WelchTest compare(Moments a, Moments b, double confidence) {
        double va = a.variance / a.count;
        double vb = b.variance / b.count;
        double se = Math.sqrt(va + vb);
        double diff = b.mean - a.mean;
        double z = Tails.normalQuantile((1 + confidence) / 2);
        if (!(se > 0)) {
            String reason = "neither sample varies; the test is undefined";
            Figure none = Figure.absent(reason);
            return new WelchTest(a.count, b.count, a.mean, b.mean, 0, 0, none, none, none,
                    Lift.of(a.mean, 0, b.mean, 0, 0, z, confidence));
        }
        double df = (va + vb) * (va + vb) / (va * va / (a.count - 1) + vb * vb / (b.count - 1));
        double t = diff / se;
        double half = Tails.tQuantile((1 + confidence) / 2, df) * se;
        return new WelchTest(a.count, b.count, a.mean, b.mean, Math.sqrt(a.variance), Math.sqrt(b.variance),
                Figure.of(t), Figure.of(df), Figure.of(Tails.tTwoSided(t, df)),
                Lift.of(a.mean, va, b.mean, vb, half, z, confidence));
    }

    /** Count, mean and sample variance (ddof 1, two passes) of the present values of a sample. */
    static final class Moments {
        final int count;
        final double mean;
        final double variance;

        private Moments(int count, double mean, double variance) {
            this.count = count;
            this.mean = mean;
            this.variance = variance;
        }

        static Moments of(double[] values, String label, String statistic, MissingPolicy missing) {
            int n = 0;
            double sum = 0;
            for (int i = 0; i < values.length; i++) {
                double v = values[i];
                if (Double.isNaN(v)) {
                    if (missing == MissingPolicy.ERROR) {
                        throw new AnalysisException(statistic, label, "has a missing value at index " + i
                                + "; pass MissingPolicy.DROP to leave missing values out");
                    }
                    continue;
                }
                if (Double.isInfinite(v)) {
                    throw new IllegalArgumentException(label + " must hold finite values, but value " + i + " was " + v);
                }
                n++;
                sum += v;
            }
            if (n < 2) {
                throw new AnalysisException(statistic, label, "has " + n + " value" + (n == 1 ? "" : "s")
                        + "; needs at least 2");
            }
            double mean = sum / n;
            double c = 0;
            double ss = 0;
            for (double v : values) {
                if (!Double.isNaN(v)) {
                    double d = v - mean;
                    c += d;
                    ss += d * d;
                }
            }
            // corrected two-pass variance (Chan, Golub and LeVeque)
            return new Moments(n, mean + c / n, (ss - c * c / n) / (n - 1));
        }
    }
}
