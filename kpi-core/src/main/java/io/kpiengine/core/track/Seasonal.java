package io.kpiengine.core.track;

import io.kpiengine.analysis.Decomposition;
import io.kpiengine.analysis.Points;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The seasonally adjusted baseline and seasonal profile of a history window, from the classical decomposition of
 * kpi-analysis (statsmodels' {@code seasonal_decompose}: centred 2 x m moving average trend, seasonal indices
 * averaged per position of the cycle and normalised to sum 0 or mean 1).
 *
 * <p>Design: the decomposition gives a trend for the window's inner points only (it ends {@code floor(m / 2)}
 * points before the window's end). The trend is extrapolated from its last value {@code T(e)} with the mean slope
 * of its last cycle, {@code (T(e) - T(s)) / (e - s)} with {@code s = max(first trend point, e - m)}, and the
 * baseline at a later position {@code p} is {@code (T(e) + slope (p - e)) x S(p)} (multiplicative) or {@code +
 * S(p)} (additive), {@code S} the seasonal index of {@code p}'s position in the cycle. Fewer than two full cycles,
 * a missing value in the window, or a value that is not positive under the multiplicative model give no value,
 * with the reason.
 */
final class Seasonal {

    final int from;
    final int period;
    final boolean multiplicative;
    final double @Nullable [] seasonal;
    final double last;
    final int lastAt;
    final double slope;
    final @Nullable String reason;

    private Seasonal(int from, int period, boolean multiplicative, double @Nullable [] seasonal, double last,
            int lastAt, double slope, @Nullable String reason) {
        this.from = from;
        this.period = period;
        this.multiplicative = multiplicative;
        this.seasonal = seasonal;
        this.last = last;
        this.lastAt = lastAt;
        this.slope = slope;
        this.reason = reason;
    }

    static Seasonal failed(String reason) {
        return new Seasonal(0, 0, false, null, Double.NaN, 0, Double.NaN, reason);
    }

    /** Decomposes {@code y[from..to)}; the positions of the result are those of {@code y}. */
    static Seasonal fit(double[] y, int from, int to, int period, boolean multiplicative) {
        int n = to - from;
        if (n < 2 * period) {
            return failed("a seasonal baseline needs two full cycles (" + 2 * period + " periods) of history, but "
                    + Math.max(0, n) + " lie in the results");
        }
        for (int i = from; i < to; i++) {
            if (Double.isNaN(y[i])) {
                return failed("the history window has a period without value");
            }
            if (multiplicative && !(y[i] > 0)) {
                return failed("a multiplicative seasonal baseline needs positive values, but the history holds "
                        + y[i]);
            }
        }
        Decomposition d = Decomposition.of(Arrays.copyOfRange(y, from, to), period,
                multiplicative ? Decomposition.Model.MULTIPLICATIVE : Decomposition.Model.ADDITIVE);
        Points trend = d.trend();
        int first = period / 2;
        int e = n - 1 - period / 2;
        int s = Math.max(first, e - period);
        double slope = e > s ? (trend.value(e) - trend.value(s)) / (e - s) : 0;
        return new Seasonal(from, period, multiplicative, d.indices(), trend.value(e), from + e, slope, null);
    }

    /** The seasonal index of a position of the series (any position: the cycle repeats). */
    double index(int position) {
        int k = Math.floorMod(position - from, period);
        return Objects.requireNonNull(seasonal, "a fitted seasonal pattern has its indices")[k];
    }

    /** The baseline at a position after the window: the extrapolated trend combined with the seasonal index. */
    double at(int position) {
        double level = last + slope * (position - lastAt);
        return multiplicative ? level * index(position) : level + index(position);
    }

    /** The seasonally adjusted value of a point at a position. */
    double adjust(double value, int position) {
        return multiplicative ? value / index(position) : value - index(position);
    }

    /** The seasonal component put back on an adjusted value. */
    double reseasonalize(double adjusted, int position) {
        return multiplicative ? adjusted * index(position) : adjusted + index(position);
    }
}
