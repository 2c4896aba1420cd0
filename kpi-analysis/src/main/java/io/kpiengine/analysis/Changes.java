package io.kpiengine.analysis;

import java.util.Objects;

/**
 * Changes of a series over time: period over period, year over year, and the compound annual growth rate.
 *
 * <p><b>Definitions.</b> {@link #periodOverPeriod(Series, int) periodOverPeriod(s, k)} is pandas
 * {@code s.pct_change(periods=k, fill_method=None)}: {@code v[t] / v[t-k] - 1} as a fraction (0.05 is +5 %); a
 * point has no value when {@code t < k}, when either point is missing, or when the base {@code v[t-k]} is 0 (pandas
 * gives infinity there). A negative base gives pandas' arithmetic, whose sign is then the opposite of the change's
 * direction. {@link #yearOverYear(Series, int)} is the same with {@code k} the periods per year.
 * {@link #cagr(double, double, double) CAGR} is {@code (last / first)^(1 / years) - 1}.
 *
 * <pre>{@code
 * Points yoy = Changes.yearOverYear(monthlyRevenue, 12);
 * Figure growth = Changes.cagr(monthlyRevenue, 12);
 * }</pre>
 */
public final class Changes {

    private Changes() {
    }

    /**
     * Returns the change of every point from the point {@code lag} periods earlier.
     *
     * @param series the series; missing points give absent changes
     * @param lag the distance in periods, at least 1
     * @return the changes as fractions, named {@code "<name> change(<lag>)"}
     * @throws NullPointerException if {@code series} is null
     * @throws IllegalArgumentException if {@code lag < 1}
     */
    public static Points periodOverPeriod(Series series, int lag) {
        Objects.requireNonNull(series, "series");
        if (lag < 1) {
            throw new IllegalArgumentException("lag must be at least 1, but was " + lag);
        }
        double[] v = series.values();
        int n = v.length;
        double[] out = new double[n];
        String[] reasons = new String[n];
        String head = "no point " + lag + " period" + (lag == 1 ? "" : "s") + " earlier";
        for (int t = 0; t < n; t++) {
            if (t < lag) {
                reasons[t] = head;
            } else if (Double.isNaN(v[t])) {
                reasons[t] = "point " + t + " is missing";
            } else if (Double.isNaN(v[t - lag])) {
                reasons[t] = "the base, point " + (t - lag) + ", is missing";
            } else if (v[t - lag] == 0) {
                reasons[t] = "the base, point " + (t - lag) + ", is 0";
            } else {
                out[t] = v[t] / v[t - lag] - 1;
            }
        }
        return new Points(series.name() + " change(" + lag + ")", out, reasons);
    }

    /**
     * Returns the change of every point from the same period a year earlier.
     *
     * @param series the series
     * @param periodsPerYear the periods in a year: 12 for months, 52 for weeks, 4 for quarters
     * @return the changes as fractions
     * @throws NullPointerException if {@code series} is null
     * @throws IllegalArgumentException if {@code periodsPerYear < 1}
     */
    public static Points yearOverYear(Series series, int periodsPerYear) {
        return periodOverPeriod(series, periodsPerYear);
    }

    /**
     * Returns the compound annual growth rate between two values.
     *
     * @param first the value at the start, positive for a defined rate
     * @param last the value at the end, at least 0 for a defined rate
     * @param years the time between them in years, positive
     * @return {@code (last / first)^(1 / years) - 1}, absent with the reason when {@code first <= 0} or
     *     {@code last < 0}
     * @throws IllegalArgumentException if a value is not finite or {@code years <= 0}
     */
    public static Figure cagr(double first, double last, double years) {
        if (!Double.isFinite(first) || !Double.isFinite(last)) {
            throw new IllegalArgumentException("values must be finite, but were " + first + " and " + last);
        }
        if (!(years > 0) || !Double.isFinite(years)) {
            throw new IllegalArgumentException("years must be positive, but was " + years);
        }
        if (first <= 0) {
            return Figure.absent("CAGR needs a positive start value, but it was " + Texts.number(first));
        }
        if (last < 0) {
            return Figure.absent("CAGR needs an end value of at least 0, but it was " + Texts.number(last));
        }
        return Figure.of(Math.pow(last / first, 1 / years) - 1);
    }

    /**
     * Returns the compound annual growth rate between the first and the last present point of a series.
     *
     * @param series the series
     * @param periodsPerYear the periods in a year
     * @return the rate over {@code (lastIndex - firstIndex) / periodsPerYear} years, absent with the reason when
     *     fewer than two points are present or the values do not allow it
     * @throws NullPointerException if {@code series} is null
     * @throws IllegalArgumentException if {@code periodsPerYear < 1}
     */
    public static Figure cagr(Series series, int periodsPerYear) {
        Objects.requireNonNull(series, "series");
        if (periodsPerYear < 1) {
            throw new IllegalArgumentException("periodsPerYear must be at least 1, but was " + periodsPerYear);
        }
        double[] v = series.values();
        int first = 0;
        while (first < v.length && Double.isNaN(v[first])) {
            first++;
        }
        int last = v.length - 1;
        while (last > first && Double.isNaN(v[last])) {
            last--;
        }
        if (first >= last) {
            return Figure.absent(series.label() + " has fewer than 2 present points");
        }
        return cagr(v[first], v[last], (last - first) / (double) periodsPerYear);
    }
}
