package io.kpiengine.analysis;

import java.util.List;
import java.util.Optional;

/**
 * The Granger causality tests of one ordered pair for lag orders {@code 1..maxOrder}, see {@link Granger}.
 *
 * <p>An order whose regression cannot be estimated (a constant series, collinear lags, a perfect fit; statsmodels
 * raises {@code InfeasibleTestError} there) is left out of {@link #orders()}, and {@link #reason()} says why for the
 * first such order. Instances are immutable and thread-safe.
 *
 * @param cause the name of the series tested as the cause (the second column of statsmodels' input)
 * @param effect the name of the series whose prediction is tested (the first column)
 * @param maxOrder the largest order tested
 * @param orders the tests of the orders that could be fitted, by increasing order
 * @param reason why an order is missing from {@code orders}, or empty when all are there
 */
public record GrangerResult(String cause, String effect, int maxOrder, List<GrangerOrder> orders,
        Optional<String> reason) {

    /**
     * Copies the list.
     *
     * @param cause the name of the series tested as the cause (the second column of statsmodels' input)
     * @param effect the name of the series whose prediction is tested (the first column)
     * @param maxOrder the largest order tested
     * @param orders the tests of the orders that could be fitted, by increasing order
     * @param reason why an order is missing from {@code orders}, or empty when all are there
     * @throws NullPointerException if an argument is null
     */
    public GrangerResult {
        orders = List.copyOf(orders);
        java.util.Objects.requireNonNull(cause, "cause");
        java.util.Objects.requireNonNull(effect, "effect");
        java.util.Objects.requireNonNull(reason, "reason");
    }

    /**
     * Returns the tests of one order.
     *
     * @param order the lag order, in {@code 1..maxOrder}
     * @return the tests, or empty when that order could not be fitted
     * @throws IllegalArgumentException if {@code order} is out of range
     */
    public Optional<GrangerOrder> order(int order) {
        if (order < 1 || order > maxOrder) {
            throw new IllegalArgumentException("order must be in [1, " + maxOrder + "], but was " + order);
        }
        for (GrangerOrder o : orders) {
            if (o.order() == order) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    /**
     * Returns the smallest ssr F p-value over the orders, multiplied by the number of orders tested (Bonferroni
     * across orders, capped at 1): a valid p-value for "the cause helps at some order up to {@code maxOrder}".
     *
     * @return the adjusted smallest p-value, absent with the reason when no order could be fitted
     */
    public Figure pValue() {
        if (orders.isEmpty()) {
            return Figure.absent(reason.orElse("no order was tested"));
        }
        double min = 1;
        for (GrangerOrder o : orders) {
            min = Math.min(min, o.fPValue());
        }
        return Figure.of(Math.min(1, min * maxOrder));
    }
}
