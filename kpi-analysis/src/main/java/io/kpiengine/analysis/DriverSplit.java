package io.kpiengine.analysis;

import java.util.List;

/**
 * The split of a metric's change between two periods into the contributions of its drivers; see
 * {@link Attribution}. The contributions sum to {@link #change()} (to floating-point rounding).
 *
 * @param method how the change was split: {@code "additive"}, {@code "lmdi"} or {@code "shapley"}
 * @param before the metric in the earlier period
 * @param after the metric in the later period
 * @param contributions one per driver, in the input order
 */
public record DriverSplit(String method, double before, double after, List<Contribution> contributions) {

    /**
     * Copies the list.
     *
     * @param method how the change was split: {@code "additive"}, {@code "lmdi"} or {@code "shapley"}
     * @param before the metric in the earlier period
     * @param after the metric in the later period
     * @param contributions one per driver, in the input order
     * @throws NullPointerException if a reference is null
     */
    public DriverSplit {
        java.util.Objects.requireNonNull(method, "method");
        contributions = List.copyOf(contributions);
    }

    /**
     * Returns the metric's change.
     *
     * @return {@code after - before}
     */
    public double change() {
        return after - before;
    }
}
