package io.kpiengine.analysis.internal;

/**
 * Lagged cross-product sums of two centred series, the one O(n) kernel behind the cross-correlation and the Granger
 * regressions.
 *
 * <p>Design note. For series {@code a} and {@code b} of length {@code n} with centring constants {@code ma} and
 * {@code mb}, the full lag sum is {@code F(d) = sum over u of (a[u+d] - ma)(b[u] - mb)}, u running over every index
 * where both points exist ({@code max(0, -d) <= u <= min(n-1, n-1-d)}). statsmodels' {@code ccovf(a, b)[d]} is
 * {@code F(d) / n} (or {@code / (n - d)}) with the full-series means as centring constants. Every other sum the lead/lag
 * statistics need (the cross products of lagged regressors over the rows {@code p..n-1} of a Granger regression of
 * order {@code p}) differs from some {@code F(d)} by at most {@code 2p} products at the two ends, which
 * {@link #window} subtracts; so a pair costs one pass per lag and nothing per point is allocated.
 *
 * <p>{@link #cross} computes four lags per pass over the data (register blocking: each {@code b[u]} is loaded once
 * for four products), with separate accumulators per lag. Its sums are those of the straightforward loop up to
 * rounding (relative 1e-15), not bit for bit.
 */
public final class LagSums {

    private LagSums() {
    }

    /**
     * Computes the full lag sums {@code F(d)} for {@code d} in {@code [dMin, dMax]}.
     *
     * @param a the first series ({@code a[u+d]})
     * @param ma the centring constant of {@code a}
     * @param b the second series ({@code b[u]})
     * @param mb the centring constant of {@code b}
     * @param n the length of both series
     * @param dMin the smallest lag, {@code > -n}
     * @param dMax the largest lag, {@code < n}
     * @param out receives {@code F(d)} at {@code out[d - dMin]}
     */
    public static void cross(double[] a, double ma, double[] b, double mb, int n, int dMin, int dMax, double[] out) {
        int d = dMin;
        for (; d + 3 <= dMax; d += 4) {
            // u range valid for all four lags d..d+3
            int lo = Math.max(0, -d);
            int hi = Math.min(n - 1, n - 1 - (d + 3));
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int u = lo; u <= hi; u++) {
                double bu = b[u] - mb;
                int k = u + d;
                s0 += (a[k] - ma) * bu;
                s1 += (a[k + 1] - ma) * bu;
                s2 += (a[k + 2] - ma) * bu;
                s3 += (a[k + 3] - ma) * bu;
            }
            out[d - dMin] = s0 + rest(a, ma, b, mb, n, d, lo, hi);
            out[d + 1 - dMin] = s1 + rest(a, ma, b, mb, n, d + 1, lo, hi);
            out[d + 2 - dMin] = s2 + rest(a, ma, b, mb, n, d + 2, lo, hi);
            out[d + 3 - dMin] = s3 + rest(a, ma, b, mb, n, d + 3, lo, hi);
        }
        for (; d <= dMax; d++) {
            int lo = Math.max(0, -d);
            int hi = Math.min(n - 1, n - 1 - d);
            double s = 0;
            for (int u = lo; u <= hi; u++) {
                s += (a[u + d] - ma) * (b[u] - mb);
            }
            out[d - dMin] = s;
        }
    }

    /**
     * Computes the full lag sums {@code F(d)} of two series that are already centred (centring constants 0), for
     * {@code d} in {@code [dMin, dMax]}: the scan's kernel. Eight lags per pass over the data, eight independent
     * accumulators, no subtraction in the inner loop.
     *
     * @param a the first series ({@code a[u+d]}), centred
     * @param b the second series ({@code b[u]}), centred
     * @param n the length of both series
     * @param dMin the smallest lag, {@code > -n}
     * @param dMax the largest lag, {@code < n}
     * @param out receives {@code F(d)} at {@code out[d - dMin]}
     */
    public static void crossCentred(double[] a, double[] b, int n, int dMin, int dMax, double[] out) {
        int d = dMin;
        for (; d + 7 <= dMax; d += 8) {
            int lo = Math.max(0, -d);
            int hi = Math.min(n - 1, n - 1 - (d + 7));
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            double s4 = 0;
            double s5 = 0;
            double s6 = 0;
            double s7 = 0;
            for (int u = lo; u <= hi; u++) {
                double bu = b[u];
                int k = u + d;
                s0 += a[k] * bu;
                s1 += a[k + 1] * bu;
                s2 += a[k + 2] * bu;
                s3 += a[k + 3] * bu;
                s4 += a[k + 4] * bu;
                s5 += a[k + 5] * bu;
                s6 += a[k + 6] * bu;
                s7 += a[k + 7] * bu;
            }
            out[d - dMin] = s0 + rest(a, 0, b, 0, n, d, lo, hi);
            out[d + 1 - dMin] = s1 + rest(a, 0, b, 0, n, d + 1, lo, hi);
            out[d + 2 - dMin] = s2 + rest(a, 0, b, 0, n, d + 2, lo, hi);
            out[d + 3 - dMin] = s3 + rest(a, 0, b, 0, n, d + 3, lo, hi);
            out[d + 4 - dMin] = s4 + rest(a, 0, b, 0, n, d + 4, lo, hi);
            out[d + 5 - dMin] = s5 + rest(a, 0, b, 0, n, d + 5, lo, hi);
            out[d + 6 - dMin] = s6 + rest(a, 0, b, 0, n, d + 6, lo, hi);
            out[d + 7 - dMin] = s7 + rest(a, 0, b, 0, n, d + 7, lo, hi);
        }
        for (; d <= dMax; d++) {
            double s = 0;
            for (int u = Math.max(0, -d), top = Math.min(n - 1, n - 1 - d); u <= top; u++) {
                s += a[u + d] * b[u];
            }
            out[d - dMin] = s;
        }
    }

    /** The products of lag d outside [lo, hi] (the common range of a block of lags). */
    private static double rest(double[] a, double ma, double[] b, double mb, int n, int d, int lo, int hi) {
        double s = 0;
        for (int u = Math.max(0, -d); u < lo; u++) {
            s += (a[u + d] - ma) * (b[u] - mb);
        }
        int top = Math.min(n - 1, n - 1 - d);
        for (int u = hi + 1; u <= top; u++) {
            s += (a[u + d] - ma) * (b[u] - mb);
        }
        return s;
    }

    /**
     * Returns {@code sum over t in [p, n-1] of (a[t-i] - ma)(b[t-j] - mb)} from the full lag sum
     * {@code F(j - i)}, by subtracting the products outside the window.
     *
     * @param a the first series
     * @param ma its centring constant
     * @param b the second series
     * @param mb its centring constant
     * @param n the length of both series
     * @param p the first row of the window, at least {@code max(i, j)}
     * @param i the lag of {@code a}
     * @param j the lag of {@code b}
     * @param full {@code F(j - i)}
     * @return the windowed sum
     */
    public static double window(double[] a, double ma, double[] b, double mb, int n, int p, int i, int j,
            double full) {
        int d = j - i;
        double s = full;
        for (int u = Math.max(0, -d); u < p - j; u++) {
            s -= (a[u + d] - ma) * (b[u] - mb);
        }
        int top = Math.min(n - 1, n - 1 - d);
        for (int u = n - j; u <= top; u++) {
            s -= (a[u + d] - ma) * (b[u] - mb);
        }
        return s;
    }

    /**
     * Returns {@code sum over t in [p, n-1] of (a[t-i] - ma)} from the sum over the whole series.
     *
     * @param a the series
     * @param ma its centring constant
     * @param n its length
     * @param p the first row of the window, at least {@code i}
     * @param i the lag
     * @param total {@code sum over k of (a[k] - ma)}
     * @return the windowed sum
     */
    public static double windowSum(double[] a, double ma, int n, int p, int i, double total) {
        double s = total;
        for (int k = 0; k < p - i; k++) {
            s -= a[k] - ma;
        }
        for (int k = n - i; k < n; k++) {
            s -= a[k] - ma;
        }
        return s;
    }

    /**
     * Returns {@code sum over k of (a[k] - ma)}.
     *
     * @param a the series
     * @param ma the centring constant
     * @param n the length
     * @return the centred total (close to 0 when {@code ma} is the mean)
     */
    public static double total(double[] a, double ma, int n) {
        double s = 0;
        for (int k = 0; k < n; k++) {
            s += a[k] - ma;
        }
        return s;
    }

    /**
     * Returns the arithmetic mean computed in two passes (a corrected sum), as numpy's {@code mean} to rounding.
     *
     * @param a the series
     * @param n its length, at least 1
     * @return the mean
     */
    public static double mean(double[] a, int n) {
        double s = 0;
        for (int k = 0; k < n; k++) {
            s += a[k];
        }
        double m = s / n;
        double c = 0;
        for (int k = 0; k < n; k++) {
            c += a[k] - m;
        }
        return m + c / n;
    }
}
