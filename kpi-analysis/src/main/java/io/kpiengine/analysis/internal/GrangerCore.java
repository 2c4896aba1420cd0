package io.kpiengine.analysis.internal;

/**
 * The two regressions of a Granger test for every lag order {@code 1..P} of one ordered pair, from lag sums.
 *
 * <p>Design note. statsmodels' {@code grangercausalitytests(np.column_stack([effect, cause]), P)} fits, for each
 * order {@code p}, on the rows {@code t = p..n-1} ({@code m = n - p} observations):
 * <pre>
 *   restricted:   y[t] = c + a1 y[t-1] + ... + ap y[t-p]                              + e
 *   unrestricted: y[t] = c + a1 y[t-1] + ... + ap y[t-p] + b1 x[t-1] + ... + bp x[t-p] + e
 * </pre>
 * Both contain the constant, so their residual sums of squares ({@code ssrR}, {@code ssrU}) are those of the
 * regressions on the columns centred over the window. Their cross-product matrix {@code M}, ordered
 * {@code [y lags 1..p, x lags 1..p, y]}, is assembled from the full lag sums {@link LagSums#cross} minus the
 * products outside the window ({@link LagSums#window}) minus the outer product of the window sums over {@code m}:
 * no pass over the data per order. One Cholesky factorisation {@code M = L L'} then gives both models, because
 * they are nested: the last row of {@code L} holds the target's coordinates in the successive orthogonalised
 * regressors, so {@code ssrU = L[q][q]^2} and {@code ssrR - ssrU = sum of L[q][k]^2 over the x-lag columns k}.
 * The difference is thus a sum of squares, free of the cancellation of subtracting two nearly equal SSRs; the F
 * statistic keeps its relative accuracy even when the cause adds almost nothing.
 *
 * <p>Infeasible orders mirror statsmodels' {@code InfeasibleTestError}: a regressor column that is constant or
 * collinear with the columns before it (Cholesky pivot below {@code 1e-13} of the column's own centred sum of
 * squares), a constant target, or a perfect fit ({@code ssrU / tss} below the double epsilon).
 */
public final class GrangerCore {

    /** The order was fitted. */
    public static final int FITTED = 0;
    /** The target (the effect series) is constant on the rows of the order. */
    public static final int CONSTANT_TARGET = 1;
    /** The unrestricted model fits the target exactly. */
    public static final int PERFECT_FIT = 2;
    /** {@code COLLINEAR + k}: regressor column k is constant or collinear with columns 0..k-1. */
    public static final int COLLINEAR = 16;

    private static final double PIVOT_TOLERANCE = 1e-13;
    private static final double EPSILON = Math.ulp(1.0);

    private GrangerCore() {
    }

    /**
     * Fits orders {@code 1..maxOrder}.
     *
     * @param x the cause
     * @param mx its centring constant
     * @param y the effect
     * @param my its centring constant
     * @param n the length of both series, more than {@code 3 * maxOrder + 1}
     * @param maxOrder the largest order P
     * @param fxx {@code F_xx(d)} for {@code d = 0..P}
     * @param fyy {@code F_yy(d)} for {@code d = 0..P}
     * @param fxy {@code F_xy(d) = sum x[u+d] y[u]} at {@code fxy[d + offset]} for {@code d = -P..P}
     * @param offset the index of {@code F_xy(0)} in {@code fxy}
     * @param tx {@code sum (x - mx)}
     * @param ty {@code sum (y - my)}
     * @param scratch at least {@code (2P+1)^2} doubles, overwritten
     * @param ssrU receives the unrestricted SSR of order p at {@code [p-1]}
     * @param gain receives {@code ssrR - ssrU} of order p at {@code [p-1]}
     * @param status receives {@link #FITTED}, {@link #CONSTANT_TARGET}, {@link #PERFECT_FIT} or
     *     {@code COLLINEAR + k} at {@code [p-1]}
     */
    public static void fit(double[] x, double mx, double[] y, double my, int n, int maxOrder,
            double[] fxx, double[] fyy, double[] fxy, int offset, double tx, double ty,
            double[] scratch, double[] ssrU, double[] gain, int[] status) {
        for (int p = 1; p <= maxOrder; p++) {
            int q = 2 * p + 1;
            int m = n - p;
            double[] a = scratch;
            // assemble the centred cross-product matrix (lower triangle, row-major q x q)
            for (int r = 0; r < q; r++) {
                boolean rx = r >= p && r < 2 * p;
                int ri = r < p ? r + 1 : (r < 2 * p ? r - p + 1 : 0);
                double sr = rx ? LagSums.windowSum(x, mx, n, p, ri, tx) : LagSums.windowSum(y, my, n, p, ri, ty);
                for (int c = 0; c <= r; c++) {
                    boolean cx = c >= p && c < 2 * p;
                    int ci = c < p ? c + 1 : (c < 2 * p ? c - p + 1 : 0);
                    double sc = cx ? LagSums.windowSum(x, mx, n, p, ci, tx) : LagSums.windowSum(y, my, n, p, ci, ty);
                    int d = ci - ri;
                    double s;
                    if (rx && cx) {
                        s = LagSums.window(x, mx, x, mx, n, p, ri, ci, fxx[Math.abs(d)]);
                    } else if (!rx && !cx) {
                        s = LagSums.window(y, my, y, my, n, p, ri, ci, fyy[Math.abs(d)]);
                    } else if (rx) {
                        s = LagSums.window(x, mx, y, my, n, p, ri, ci, fxy[d + offset]);
                    } else {
                        s = LagSums.window(y, my, x, mx, n, p, ri, ci, fxy[-d + offset]);
                    }
                    a[r * q + c] = s - sr * sc / m;
                }
            }
            status[p - 1] = factor(a, q);
            if (status[p - 1] == FITTED) {
                double g = 0;
                for (int k = p; k < 2 * p; k++) {
                    double l = a[(q - 1) * q + k];
                    g += l * l;
                }
                double u = a[(q - 1) * q + q - 1];
                ssrU[p - 1] = u;
                gain[p - 1] = g;
            }
        }
    }

    /**
     * Factors the regressor block in place and leaves the target's squared residual on the last diagonal.
     * Returns the status.
     */
    private static int factor(double[] a, int q) {
        double tss = a[(q - 1) * q + q - 1];
        if (!(tss > 0)) {
            return CONSTANT_TARGET;
        }
        for (int j = 0; j < q - 1; j++) {
            double own = a[j * q + j];
            double pivot = own;
            for (int k = 0; k < j; k++) {
                double l = a[j * q + k];
                pivot -= l * l;
            }
            if (!(own > 0) || !(pivot > PIVOT_TOLERANCE * own)) {
                return COLLINEAR + j;
            }
            double root = Math.sqrt(pivot);
            a[j * q + j] = root;
            for (int i = j + 1; i < q; i++) {
                double s = a[i * q + j];
                for (int k = 0; k < j; k++) {
                    s -= a[i * q + k] * a[j * q + k];
                }
                a[i * q + j] = s / root;
            }
        }
        double ssr = tss;
        for (int k = 0; k < q - 1; k++) {
            double l = a[(q - 1) * q + k];
            ssr -= l * l;
        }
        if (!(ssr > EPSILON * tss)) {
            return PERFECT_FIT;
        }
        a[(q - 1) * q + q - 1] = ssr;
        return FITTED;
    }
}
