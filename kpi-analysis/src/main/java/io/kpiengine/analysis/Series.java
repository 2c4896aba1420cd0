package io.kpiengine.analysis;

import java.util.Arrays;
import java.util.Objects;

/**
 * A named, period-ordered series of numbers, missing points as NaN: the input of every time-series statistic of
 * this package. Point {@code i} is period {@code i} of the series (the first period is 0); the statistics never see
 * calendar dates, so the caller lines series up before handing them over (two series of a lead/lag analysis start in
 * the same period and have the same length).
 *
 * <pre>{@code
 * Series signups = Series.of("signups", 120, 131, Double.NaN, 150, 149);
 * Series filled = signups.withMissing(MissingPolicy.INTERPOLATE);   // 120, 131, 140.5, 150, 149
 * }</pre>
 *
 * <p>The name appears in every message and result about the series. Instances are immutable and thread-safe: the
 * factory copies the values once, and no statistic copies them again unless its {@link MissingPolicy} asks for it.
 */
public final class Series {

    private final String name;
    private final double[] values;
    private final int missing;
    private final int firstMissing;

    private Series(String name, double[] values) {
        this.name = name;
        this.values = values;
        int count = 0;
        int first = -1;
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (Double.isNaN(v)) {
                if (first < 0) {
                    first = i;
                }
                count++;
            } else if (Double.isInfinite(v)) {
                throw new IllegalArgumentException("series '" + name + "' must hold finite numbers or NaN (missing),"
                        + " but point " + i + " was " + v);
            }
        }
        this.missing = count;
        this.firstMissing = first;
    }

    /**
     * Returns a series holding a copy of the values.
     *
     * @param name the name used in messages and results, not blank
     * @param values the values in period order; NaN marks a missing point
     * @return the series
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the name is blank or a value is infinite
     */
    public static Series of(String name, double... values) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(values, "values");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank, but was '" + name + "'");
        }
        return new Series(name, values.clone());
    }

    /**
     * Returns the name of the series.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the number of points, missing ones included.
     *
     * @return the length of the series
     */
    public int size() {
        return values.length;
    }

    /**
     * Returns the value of a point.
     *
     * @param index the period, from 0
     * @return the value, NaN if the point is missing
     * @throws IndexOutOfBoundsException if {@code index} is not in {@code [0, size())}
     */
    public double get(int index) {
        Objects.checkIndex(index, values.length);
        return values[index];
    }

    /**
     * Tells whether a point is missing.
     *
     * @param index the period, from 0
     * @return true if the point is missing
     * @throws IndexOutOfBoundsException if {@code index} is not in {@code [0, size())}
     */
    public boolean isMissing(int index) {
        return Double.isNaN(get(index));
    }

    /**
     * Returns the number of missing points.
     *
     * @return the number of NaN points
     */
    public int missingCount() {
        return missing;
    }

    /**
     * Returns a copy of the values.
     *
     * @return a new array, missing points as NaN
     */
    public double[] toArray() {
        return values.clone();
    }

    /**
     * Returns this series with its missing points handled by a policy.
     *
     * <pre>{@code
     * Series.of("x", 1, Double.NaN, 3).withMissing(MissingPolicy.INTERPOLATE);   // 1, 2, 3
     * Series.of("x", 1, Double.NaN, 3).withMissing(MissingPolicy.DROP);          // 1, 3
     * }</pre>
     *
     * @param policy {@link MissingPolicy#ERROR} throws if a point is missing, {@link MissingPolicy#DROP} removes the
     *     missing points (later points move forward), {@link MissingPolicy#INTERPOLATE} fills them
     * @return a series without missing points; this series if it has none
     * @throws NullPointerException if {@code policy} is null
     * @throws AnalysisException if a point is missing under {@code ERROR}, or every point is missing under
     *     {@code INTERPOLATE}
     */
    public Series withMissing(MissingPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        if (missing == 0) {
            return this;
        }
        switch (policy) {
            case ERROR:
                throw missingPoint("series", "INTERPOLATE or DROP");
            case DROP:
                double[] kept = new double[values.length - missing];
                int k = 0;
                for (double v : values) {
                    if (!Double.isNaN(v)) {
                        kept[k++] = v;
                    }
                }
                return new Series(name, kept);
            default:
                return new Series(name, interpolated("series"));
        }
    }

    /** Returns the values without copying; callers in this package never write to them. */
    double[] values() {
        return values;
    }

    /** Returns the text naming this series in messages: {@code series 'revenue'}. */
    String label() {
        return "series '" + name + "'";
    }

    /**
     * Returns the values of a statistic that needs every point in place: the values themselves when none is missing,
     * an interpolated copy under {@code INTERPOLATE}, an exception under {@code ERROR}.
     *
     * @throws IllegalArgumentException under {@code DROP}: dropping would shift the periods of the later points
     */
    double[] complete(MissingPolicy policy, String statistic) {
        if (policy == MissingPolicy.DROP) {
            throw new IllegalArgumentException(statistic + " needs every period in place; MissingPolicy.DROP would"
                    + " shift the later points of " + label() + ", use ERROR or INTERPOLATE");
        }
        if (missing == 0) {
            return values;
        }
        if (policy == MissingPolicy.ERROR) {
            throw missingPoint(statistic, "INTERPOLATE");
        }
        return interpolated(statistic);
    }

    /** Throws unless the policy allows skipping missing points one by one (DROP) or there are none. */
    void requireNoMissingUnless(MissingPolicy policy, String statistic) {
        if (missing > 0 && policy == MissingPolicy.ERROR) {
            throw missingPoint(statistic, "INTERPOLATE or DROP");
        }
    }

    private AnalysisException missingPoint(String statistic, String policies) {
        return new AnalysisException(statistic, label(), "has " + missing + " missing point" + (missing == 1 ? "" : "s")
                + ", the first at index " + firstMissing + "; pass MissingPolicy." + policies + " to allow them");
    }

    private double[] interpolated(String statistic) {
        if (missing == values.length) {
            throw new AnalysisException(statistic, label(), "has no present point to interpolate from ("
                    + values.length + " missing)");
        }
        double[] out = values.clone();
        int previous = -1;
        for (int i = 0; i <= out.length; i++) {
            if (i < out.length && Double.isNaN(out[i])) {
                continue;
            }
            int gapFrom = previous + 1;
            if (i > gapFrom) {
                if (previous < 0) {
                    Arrays.fill(out, 0, i, out[i]);
                } else if (i == out.length) {
                    Arrays.fill(out, gapFrom, i, out[previous]);
                } else {
                    double a = out[previous];
                    double b = out[i];
                    for (int j = gapFrom; j < i; j++) {
                        out[j] = a + (b - a) * (j - previous) / (i - previous);
                    }
                }
            }
            previous = i;
        }
        return out;
    }

    @Override
    public String toString() {
        return "Series[" + name + ", " + values.length + " points, " + missing + " missing]";
    }
}
