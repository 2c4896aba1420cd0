package io.kpiengine.core.internal;

import io.kpiengine.data.RecordBatch;

/**
 * Selects the rows of a batch a measure aggregates. Implementations are immutable; the per-thread
 * {@link Bound} form may keep scratch state.
 */
public interface RowFilter {

    /** The filter that keeps every row. */
    RowFilter ALL = new RowFilter() {
        @Override
        public Bound bind() {
            return (batch, in, count, out) -> {
                System.arraycopy(in, 0, out, 0, count);
                return count;
            };
        }

        @Override
        public String describe() {
            return "";
        }
    };

    /**
     * A per-thread evaluator of this filter.
     *
     * @return a new bound filter
     */
    Bound bind();

    /**
     * A text form for signatures and messages, empty for {@link #ALL}, else {@code " where ..."}.
     *
     * @return the description
     */
    String describe();

    /** A filter bound to one thread. */
    interface Bound {
        /**
         * Keeps the selected rows that pass.
         *
         * @param batch the batch
         * @param in selected rows, ascending
         * @param count how many entries of {@code in} to use
         * @param out receives the rows that pass, ascending; may be {@code in}
         * @return the number of rows written to {@code out}
         */
        int filter(RecordBatch batch, int[] in, int count, int[] out);
    }
}
