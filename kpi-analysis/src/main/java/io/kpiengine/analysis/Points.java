package io.kpiengine.analysis;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A series computed point by point (a moving average, a period-over-period change, a decomposition component), in
 * which a point may have no value, each such point with its reason: the first points of a 7-period moving average,
 * a change from a base of zero, the ends of a centred trend.
 *
 * <pre>{@code
 * Points sma = Smoothing.sma(visits, 7);
 * for (int t = 0; t < sma.size(); t++) {
 *     System.out.println(sma.isPresent(t) ? sma.value(t) : "- " + sma.reason(t).orElseThrow());
 * }
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Points {

    private final String name;
    private final double[] values;
    private final String @Nullable [] reasons;
    private final int absent;

    /** Takes ownership of the arrays; reasons[t] is non-null exactly where the point is absent (null array: none). */
    Points(String name, double[] values, String @Nullable [] reasons) {
        this.name = name;
        this.values = values;
        this.reasons = reasons;
        int count = 0;
        if (reasons != null) {
            for (int t = 0; t < values.length; t++) {
                if (reasons[t] != null) {
                    values[t] = Double.NaN;
                    count++;
                }
            }
        }
        this.absent = count;
    }

    /**
     * Returns the name of the computed series, for instance {@code "visits sma(7)"}.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the number of points, absent ones included.
     *
     * @return the length
     */
    public int size() {
        return values.length;
    }

    /**
     * Tells whether a point has a value.
     *
     * @param index the period, from 0
     * @return true if the point is present
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    public boolean isPresent(int index) {
        Objects.checkIndex(index, values.length);
        return reasons == null || reasons[index] == null;
    }

    /**
     * Returns the value of a point.
     *
     * @param index the period, from 0
     * @return the value
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     * @throws IllegalStateException if the point is absent; the message carries its reason
     */
    public double value(int index) {
        if (!isPresent(index)) {
            throw new IllegalStateException("point " + index + " of " + name + " has no value: " + reasonAt(index));
        }
        return values[index];
    }

    /**
     * Returns a point as a figure.
     *
     * @param index the period, from 0
     * @return the value, or absent with its reason
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    public Figure get(int index) {
        return isPresent(index) ? Figure.of(values[index]) : Figure.absent(reasonAt(index));
    }

    /**
     * Returns why a point has no value.
     *
     * @param index the period, from 0
     * @return the reason, or empty when the point is present
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    public Optional<String> reason(int index) {
        return isPresent(index) ? Optional.empty() : Optional.of(reasonAt(index));
    }

    /** The reason of a point known to be absent (so the array is there). */
    private String reasonAt(int index) {
        return Objects.requireNonNull(reasons)[index];
    }

    /**
     * Returns the number of absent points.
     *
     * @return the count
     */
    public int absentCount() {
        return absent;
    }

    /**
     * Returns the values with NaN marking the absent points, for plotting or for feeding another statistic as a
     * {@link Series} with missing points.
     *
     * @return a new array
     */
    public double[] toArray() {
        return values.clone();
    }

    /**
     * Returns the points as a series whose absent points are missing (NaN).
     *
     * @return a new series named like these points
     */
    public Series toSeries() {
        return Series.of(name, values);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Points p && p.name.equals(name) && Arrays.equals(p.values, values)
                && Arrays.equals(p.reasons, reasons);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Points[" + name + ", " + values.length + " points, " + absent + " absent]";
    }
}
