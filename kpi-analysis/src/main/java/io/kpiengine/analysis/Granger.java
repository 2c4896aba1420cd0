package io.kpiengine.analysis;

import io.kpiengine.analysis.internal.GrangerCore;
import io.kpiengine.analysis.internal.LagSums;
import io.kpiengine.analysis.internal.Tails;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Granger causality tests: does the past of one series ({@code cause}) improve the prediction of another
 * ({@code effect}) beyond the effect's own past?
 *
 * <p><b>Definition</b> (statsmodels 0.13 {@code grangercausalitytests(np.column_stack([effect, cause]), maxOrder)},
 * which is R's {@code lmtest::grangertest} for the F test). For each order {@code p = 1..maxOrder}, on the rows
 * {@code t = p..n-1}:
 * <pre>
 *   restricted:   effect[t] = c + a1 effect[t-1] + ... + ap effect[t-p]
 *   unrestricted: effect[t] = c + a1 effect[t-1] + ... + ap effect[t-p] + b1 cause[t-1] + ... + bp cause[t-p]
 * </pre>
 * both by ordinary least squares; the tests of the null {@code b1 = ... = bp = 0} are in {@link GrangerOrder}.
 * Note that each order uses its own rows {@code p..n-1}, as statsmodels does, so the orders' tests are not on the
 * same observations. The series need at least {@code 3 maxOrder + 2} points (statsmodels refuses
 * {@code n <= 3 maxlag + 1}).
 *
 * <pre>{@code
 * GrangerResult g = Granger.test(egg, chicken, 4);
 * GrangerOrder third = g.order(3).orElseThrow();
 * System.out.printf("F = %.3f, p = %.5f%n", third.f(), third.fPValue());   // F = 5.405, p = 0.00297
 * }</pre>
 *
 * <p>Allocation: the lag sums of the pair and one small matrix; nothing per point (unless missing points are
 * interpolated).
 */
public final class Granger {

    static final String STATISTIC = "granger";

    private Granger() {
    }

    /**
     * Tests orders {@code 1..maxOrder}; a missing point is an error.
     *
     * @param cause the series whose past may help
     * @param effect the series predicted, of the same length
     * @param maxOrder the largest lag order, at least 1
     * @return the tests
     * @throws NullPointerException if a series is null
     * @throws IllegalArgumentException if the lengths differ or {@code maxOrder < 1}
     * @throws AnalysisException if the series have fewer than {@code 3 maxOrder + 2} points or a missing point
     */
    public static GrangerResult test(Series cause, Series effect, int maxOrder) {
        return test(cause, effect, maxOrder, MissingPolicy.ERROR);
    }

    /**
     * Tests orders {@code 1..maxOrder} with a policy for missing points.
     *
     * @param cause the series whose past may help
     * @param effect the series predicted, of the same length
     * @param maxOrder the largest lag order, at least 1
     * @param missing {@link MissingPolicy#ERROR} or {@link MissingPolicy#INTERPOLATE}
     * @return the tests
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the lengths differ, {@code maxOrder < 1} or {@code missing} is
     *     {@link MissingPolicy#DROP}
     * @throws AnalysisException if the series have fewer than {@code 3 maxOrder + 2} points, or a missing point
     *     under {@link MissingPolicy#ERROR}
     */
    public static GrangerResult test(Series cause, Series effect, int maxOrder, MissingPolicy missing) {
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(missing, "missing");
        CrossCorrelation.checkPair(cause, effect);
        checkOrder(maxOrder);
        double[] x = cause.complete(missing, STATISTIC);
        double[] y = effect.complete(missing, STATISTIC);
        return compute(cause, effect, x, y, maxOrder);
    }

    static void checkOrder(int maxOrder) {
        if (maxOrder < 1) {
            throw new IllegalArgumentException("maxOrder must be at least 1, but was " + maxOrder);
        }
    }

    static int minimumPoints(int maxOrder) {
        return 3 * maxOrder + 2;
    }

    static GrangerResult compute(Series causeSeries, Series effectSeries, double[] x, double[] y, int maxOrder) {
        int n = x.length;
        if (n < minimumPoints(maxOrder)) {
            throw new AnalysisException(STATISTIC, CrossCorrelation.pairLabel(causeSeries, effectSeries), "have " + n
                    + " points; maxOrder " + maxOrder + " needs at least " + minimumPoints(maxOrder));
        }
        String constant = CrossCorrelation.constantReason(causeSeries, x);
        if (constant == null) {
            constant = CrossCorrelation.constantReason(effectSeries, y);
        }
        if (constant != null) {
            return undefined(causeSeries.name(), effectSeries.name(), maxOrder, constant);
        }
        double mx = LagSums.mean(x, n);
        double my = LagSums.mean(y, n);
        double[] fxx = new double[maxOrder + 1];
        double[] fyy = new double[maxOrder + 1];
        double[] fxy = new double[2 * maxOrder + 1];
        LagSums.cross(x, mx, x, mx, n, 0, maxOrder, fxx);
        LagSums.cross(y, my, y, my, n, 0, maxOrder, fyy);
        LagSums.cross(x, mx, y, my, n, -maxOrder, maxOrder, fxy);
        return fromSums(causeSeries.name(), effectSeries.name(), x, mx, y, my, n, maxOrder, fxx, fyy, fxy, maxOrder,
                LagSums.total(x, mx, n), LagSums.total(y, my, n), new Workspace(maxOrder));
    }

    /** Returns the result for a pair with a constant series, from the cross-correlation's reason. */
    static GrangerResult undefined(String cause, String effect, int maxOrder, String constantReason) {
        return new GrangerResult(cause, effect, maxOrder, List.of(),
                Optional.of(constantReason.replace("its correlation is undefined", "the regressions are undefined")));
    }

    /** Scratch arrays of one thread. */
    static final class Workspace {
        final double[] scratch;
        final double[] ssrU;
        final double[] gain;
        final int[] status;

        Workspace(int maxOrder) {
            scratch = new double[(2 * maxOrder + 1) * (2 * maxOrder + 1)];
            ssrU = new double[maxOrder];
            gain = new double[maxOrder];
            status = new int[maxOrder];
        }
    }

    static GrangerResult fromSums(String cause, String effect, double[] x, double mx, double[] y, double my, int n,
            int maxOrder, double[] fxx, double[] fyy, double[] fxy, int offset, double tx, double ty, Workspace w) {
        GrangerCore.fit(x, mx, y, my, n, maxOrder, fxx, fyy, fxy, offset, tx, ty, w.scratch, w.ssrU, w.gain,
                w.status);
        List<GrangerOrder> orders = new ArrayList<>(maxOrder);
        String reason = null;
        for (int p = 1; p <= maxOrder; p++) {
            int status = w.status[p - 1];
            if (status != GrangerCore.FITTED) {
                if (reason == null) {
                    reason = infeasible(cause, effect, p, n, status);
                }
                continue;
            }
            int m = n - p;
            int dfDenom = m - 2 * p - 1;
            double ratio = w.gain[p - 1] / w.ssrU[p - 1];
            double f = ratio * dfDenom / p;
            double chi2 = m * ratio;
            double lr = m * Math.log1p(ratio);
            orders.add(new GrangerOrder(p, m, p, dfDenom, f, Tails.fSf(f, p, dfDenom), chi2, Tails.chi2Sf(chi2, p),
                    lr, Tails.chi2Sf(lr, p)));
        }
        return new GrangerResult(cause, effect, maxOrder, orders, Optional.ofNullable(reason));
    }

    private static String infeasible(String cause, String effect, int p, int n, int status) {
        String rows = "rows " + p + ".." + (n - 1);
        if (status == GrangerCore.CONSTANT_TARGET) {
            return "order " + p + ": series '" + effect + "' is constant on " + rows;
        }
        if (status == GrangerCore.PERFECT_FIT) {
            return "order " + p + ": the lags fit series '" + effect + "' exactly on " + rows
                    + "; the F test is undefined";
        }
        int column = status - GrangerCore.COLLINEAR;
        String which = column < p ? "lag " + (column + 1) + " of series '" + effect + "'"
                : "lag " + (column - p + 1) + " of series '" + cause + "'";
        return "order " + p + ": " + which + " is constant or collinear with the earlier regressors on " + rows;
    }
}
