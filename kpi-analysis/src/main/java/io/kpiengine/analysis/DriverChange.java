package io.kpiengine.analysis;

import java.util.Objects;

/**
 * One driver of a metric (or one segment of a total) in two periods: the input of {@link Attribution}.
 *
 * @param name the driver's name, for instance {@code "visitors"} or {@code "region=EU"}
 * @param before its value in the earlier period
 * @param after its value in the later period
 */
public record DriverChange(String name, double before, double after) {

    /**
     * Checks the fields.
     *
     * @param name the driver's name, for instance {@code "visitors"} or {@code "region=EU"}
     * @param before its value in the earlier period
     * @param after its value in the later period
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if a value is not finite
     */
    public DriverChange {
        Objects.requireNonNull(name, "name");
        if (!Double.isFinite(before) || !Double.isFinite(after)) {
            throw new IllegalArgumentException("driver '" + name + "' must have finite values, but had " + before
                    + " and " + after);
        }
    }

    /**
     * Returns a driver change.
     *
     * @param name the driver's name
     * @param before its value in the earlier period
     * @param after its value in the later period
     * @return the driver change
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if a value is not finite
     */
    public static DriverChange of(String name, double before, double after) {
        return new DriverChange(name, before, after);
    }

    /**
     * Returns the change {@code after - before}.
     *
     * @return the change
     */
    public double change() {
        return after - before;
    }
}
