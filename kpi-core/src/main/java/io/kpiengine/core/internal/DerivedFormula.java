package io.kpiengine.core.internal;

import io.kpiengine.core.NoValueReason;
import java.util.List;
import java.util.Objects;

/**
 * A compiled derived-metric formula as the engine uses it: named slots (a metric id, or a reference such as
 * {@code lag(revenue,12)}), a fast evaluation with NaN for "no value", and an explanation of a NaN.
 * Implementations are immutable and thread-safe.
 */
public interface DerivedFormula {

    /**
     * The slots in evaluation order.
     *
     * @return the slot references
     */
    List<Slot> slots();

    /**
     * Evaluates the formula.
     *
     * @param values one value per slot, NaN for no value
     * @return the result, NaN for no value
     */
    double evaluate(double[] values);

    /**
     * Why {@link #evaluate(double[])} returned NaN for these values.
     *
     * @param values the same values
     * @return the reason
     */
    Why explain(double[] values);

    /**
     * One input of a formula: a metric, possibly through a reference function.
     *
     * @param function null for a plain metric, else {@code lag}, {@code last_year}, {@code to_date} or
     *     {@code trailing}
     * @param metric the metric id
     * @param offset the offset of {@code lag} or the length of {@code trailing}, else 0
     * @param grain the grain id of {@code to_date}, else null
     */
    record Slot(String function, String metric, long offset, String grain) {
        /**
         * Validates the components.
         *
         * @param function the function component
         * @param metric the metric component
         * @param offset the offset component
         * @param grain the grain component
         * @throws NullPointerException if metric is null
         */
        public Slot {
            Objects.requireNonNull(metric, "metric");
        }

        /**
         * Whether the slot reads a window of periods whose states are merged.
         *
         * @return true for {@code to_date} and {@code trailing}
         */
        public boolean isWindow() {
            return "to_date".equals(function) || "trailing".equals(function);
        }
    }

    /**
     * The explanation of a missing formula result.
     *
     * @param reason the reason
     * @param slot the index of the missing input slot for {@link NoValueReason#MISSING_INPUT}, else -1
     * @param detail a sentence for people
     */
    record Why(NoValueReason reason, int slot, String detail) {
        /**
         * Validates the components.
         *
         * @param reason the reason component
         * @param slot the slot component
         * @param detail the detail component
         * @throws NullPointerException if reason or detail is null
         */
        public Why {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
