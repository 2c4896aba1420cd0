package io.kpiengine.quality.internal;

import io.kpiengine.data.ColumnType;
import io.kpiengine.quality.MissingValueRule.Strategy;

/**
 * The row-level missing-value rules: QUARANTINE, CONSTANT, ZERO and LEAVE.
 */
final class MissingStep implements Step {

    /**
     * A bound fill value in the working representation of its column.
     *
     * @param rule the rule index
     * @param column the column position
     * @param strategy the strategy
     * @param longValue the value of long-backed and exact decimal columns
     * @param doubleValue the value of DECIMAL columns without scale
     * @param text the value of TEXT and CATEGORY columns
     */
    record Fill(int rule, int column, Strategy strategy, long longValue, double doubleValue, String text) {

        /** Writes the value into a loaded column. */
        void write(Col c, int r) {
            c.clearNull(r);
            if (c.type == ColumnType.TEXT) {
                c.texts[r] = text;
            } else if (c.type == ColumnType.CATEGORY) {
                c.codes[r] = c.dict.encode(text);
            } else if (c.type == ColumnType.DECIMAL && c.scale < 0) {
                c.doubles[r] = doubleValue;
            } else {
                c.longs[r] = longValue;
            }
        }
    }

    private final Fill fill;

    MissingStep(Fill fill) {
        this.fill = fill;
    }

    @Override
    public void apply(Work w) {
        Col c = w.cols[fill.column()];
        if (!c.hasNulls()) {
            return;
        }
        int rule = fill.rule();
        long missing = 0;
        Col out = fill.strategy() == Strategy.CONSTANT || fill.strategy() == Strategy.ZERO ? c.write() : c.load();
        long[] nulls = out.nulls;
        // only the missing rows that are still in the batch, set bit by set bit (missing values are rare)
        for (int k = 0; k < Math.min(nulls.length, w.removed.length); k++) {
            for (long m = nulls[k] & ~w.removed[k]; m != 0; m &= m - 1) {
                int r = k << 6 | Long.numberOfTrailingZeros(m);
                if (r >= w.size) {
                    break;
                }
                missing++;
                switch (fill.strategy()) {
                    case QUARANTINE:
                        w.quarantine(r, rule, "column '" + w.plan.output.column(fill.column()).name() + "' is missing");
                        break;
                    case CONSTANT:
                    case ZERO:
                        fill.write(out, r);
                        if (w.countChange(r, rule)) {
                            w.change(r, rule, fill.column(), null, out.text(r));
                        }
                        break;
                    default:
                        break;
                }
            }
        }
        w.account.detail(rule, "missing", missing);
    }
}
