package io.kpiengine.quality.internal;

import io.kpiengine.data.ColumnType;
import io.kpiengine.quality.RangeRule;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Checks numeric values against inclusive bounds; see {@link RangeRule}. Integer and exact decimal columns are
 * compared exactly (bounds turned into the column's unscaled units, rounded inwards); doubles as doubles.
 */
final class RangeStep implements Step {

    private final int rule;
    private final int column;
    private final RangeRule spec;

    RangeStep(int rule, int column, RangeRule spec) {
        this.rule = rule;
        this.column = column;
        this.spec = spec;
    }

    @Override
    public void apply(Work w) {
        Col c = w.cols[column].load();
        boolean doubles = c.type == ColumnType.DECIMAL && c.scale < 0;
        int scale = c.type == ColumnType.DECIMAL ? Math.max(c.scale, 0) : 0;
        long minL = spec.min() == null ? Long.MIN_VALUE : unscaled(spec.min(), scale, RoundingMode.CEILING);
        long maxL = spec.max() == null ? Long.MAX_VALUE : unscaled(spec.max(), scale, RoundingMode.FLOOR);
        double minD = spec.min() == null ? Double.NEGATIVE_INFINITY : spec.min().doubleValue();
        double maxD = spec.max() == null ? Double.POSITIVE_INFINITY : spec.max().doubleValue();
        for (int r = 0; r < w.size; r++) {
            if (w.isRemoved(r) || c.isNull(r)) {
                continue;
            }
            boolean below;
            boolean above;
            if (doubles) {
                double v = c.doubles[r];
                below = v < minD;
                above = v > maxD;
            } else {
                long v = c.longs[r];
                below = v < minL;
                above = v > maxL;
            }
            if (below || above) {
                String name = w.plan.output.column(column).name();
                String reason = "column '" + name + "': " + c.text(r) + (below ? " is below the minimum "
                        + spec.min().toPlainString() : " is above the maximum " + spec.max().toPlainString());
                Invalid.handle(w, r, rule, column, spec.onInvalid(), reason);
            }
        }
    }

    private static long unscaled(BigDecimal bound, int scale, RoundingMode mode) {
        BigDecimal b = bound.setScale(scale, mode);
        if (b.unscaledValue().bitLength() >= 63) {
            return b.signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return b.unscaledValue().longValue();
    }
}
