package io.kpiengine.core.score.internal;

import java.util.SplittableRandom;

/**
 * Random draws of the robustness audit. Each Monte Carlo draw has a generator of its own, seeded from the audit's
 * seed and the draw's number by the SplitMix64 finaliser, so a draw's outcome depends on neither the thread that
 * runs it nor the draws before it. {@link SplittableRandom#nextDouble()} is specified, and the normal and gamma
 * variates are written here (Marsaglia's polar method; Marsaglia and Tsang, "A simple method for generating gamma
 * variables", ACM TOMS 26(3), 2000, with {@code Gamma(a) = Gamma(a + 1) U^(1/a)} for {@code a < 1}), so draws are
 * the same on every JVM.
 */
public final class Draws {

    private Draws() {
    }

    /**
     * The generator of one draw.
     *
     * @param seed the audit's seed
     * @param draw the draw's number
     * @return a generator
     */
    public static SplittableRandom forDraw(long seed, long draw) {
        long z = seed + (draw + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new SplittableRandom(z ^ (z >>> 31));
    }

    /**
     * A standard normal variate by Marsaglia's polar method (the first of each pair).
     *
     * @param r the generator
     * @return the variate
     */
    public static double normal(SplittableRandom r) {
        while (true) {
            double u = 2 * r.nextDouble() - 1;
            double v = 2 * r.nextDouble() - 1;
            double s = u * u + v * v;
            if (s > 0 && s < 1) {
                return u * Math.sqrt(-2 * Math.log(s) / s);
            }
        }
    }

    /**
     * A gamma variate of scale 1.
     *
     * @param r the generator
     * @param shape positive
     * @return the variate
     */
    public static double gamma(SplittableRandom r, double shape) {
        if (shape < 1) {
            double u = r.nextDouble();
            return gamma(r, shape + 1) * Math.pow(u, 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = normal(r);
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = r.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }

    /**
     * The linear-interpolation quantile of sorted values (numpy's default, Hyndman and Fan type 7):
     * {@code h = (n - 1) p}, {@code x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h])}.
     *
     * @param sorted ascending values
     * @param n how many of them are used
     * @param p the probability, 0..1
     * @return the quantile, NaN for n = 0
     */
    public static double quantile(double[] sorted, int n, double p) {
        if (n == 0) {
            return Double.NaN;
        }
        double h = (n - 1) * p;
        int lo = (int) Math.floor(h);
        return lo + 1 < n ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
    }
}
