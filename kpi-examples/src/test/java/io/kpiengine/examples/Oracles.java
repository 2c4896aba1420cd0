package io.kpiengine.examples;

/**
 * Independent reference implementations for the statistics the examples print, written from the textbook
 * definitions with nothing shared with kpi-analysis: least squares by the normal equations, and the normal and
 * Student t distributions by numerical integration of their densities (Simpson's rule on {@code u = s / (1 - s)},
 * which maps the half line onto {@code [0, 1)}), quantiles by bisection. Accurate to about 1e-10, far below the
 * printed precision.
 */
final class Oracles {

    private static final int STEPS = 20_000;

    private Oracles() {
    }

    interface Density {
        double at(double u);
    }

    /** Simpson's rule for the integral of f over [0, x], through u = s / (1 - s). */
    static double integral(Density f, double x) {
        double top = x == Double.POSITIVE_INFINITY ? 1 : x / (1 + x);
        double h = top / STEPS;
        double sum = 0;
        for (int i = 0; i <= STEPS; i++) {
            double s = i * h;
            double value = s >= 1 ? 0 : f.at(s / (1 - s)) / ((1 - s) * (1 - s));
            sum += value * (i == 0 || i == STEPS ? 1 : i % 2 == 1 ? 4 : 2);
        }
        return sum * h / 3;
    }

    /** P(Z <= x) for the standard normal. */
    static double normalCdf(double x) {
        double half = integral(u -> Math.exp(-u * u / 2) / Math.sqrt(2 * Math.PI), Math.abs(x));
        return x >= 0 ? 0.5 + half : 0.5 - half;
    }

    /** P(T <= x) for Student's t with {@code df} degrees of freedom, any real above 1 (the mapped integrand vanishes). */
    static double tCdf(double x, double df) {
        Density g = u -> Math.pow(1 + u * u / df, -(df + 1) / 2);
        double total = integral(g, Double.POSITIVE_INFINITY);
        double half = integral(g, Math.abs(x)) / total / 2;
        return x >= 0 ? 0.5 + half : 0.5 - half;
    }

    /** The x with P(T <= x) = p, by bisection. */
    static double tQuantile(double p, double df) {
        double lo = -100;
        double hi = 100;
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            if (tCdf(mid, df) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /** The x with P(Z <= x) = p, by bisection. */
    static double normalQuantile(double p) {
        double lo = -10;
        double hi = 10;
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            if (normalCdf(mid) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /**
     * Ordinary least squares by the normal equations {@code (X'X) b = X'y}, solved by Gaussian elimination with
     * partial pivoting.
     *
     * @return the coefficients, then the residual sum of squares as the last element
     */
    static double[] ols(double[][] x, double[] y) {
        int k = x[0].length;
        double[][] a = new double[k][k + 1];
        for (int r = 0; r < y.length; r++) {
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    a[i][j] += x[r][i] * x[r][j];
                }
                a[i][k] += x[r][i] * y[r];
            }
        }
        for (int c = 0; c < k; c++) {
            int pivot = c;
            for (int r = c + 1; r < k; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
                    pivot = r;
                }
            }
            double[] t = a[c];
            a[c] = a[pivot];
            a[pivot] = t;
            for (int r = 0; r < k; r++) {
                if (r != c) {
                    double f = a[r][c] / a[c][c];
                    for (int j = c; j <= k; j++) {
                        a[r][j] -= f * a[c][j];
                    }
                }
            }
        }
        double[] out = new double[k + 1];
        for (int i = 0; i < k; i++) {
            out[i] = a[i][k] / a[i][i];
        }
        for (int r = 0; r < y.length; r++) {
            double fit = 0;
            for (int i = 0; i < k; i++) {
                fit += x[r][i] * out[i];
            }
            out[k] += (y[r] - fit) * (y[r] - fit);
        }
        return out;
    }
}
