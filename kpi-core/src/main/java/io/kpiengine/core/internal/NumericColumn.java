package io.kpiengine.core.internal;

import io.kpiengine.base.internal.Pow10;
import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.DecimalVector;
import io.kpiengine.data.DoubleVector;
import io.kpiengine.data.LongVector;
import io.kpiengine.data.RecordBatch;
import io.kpiengine.data.Schema;
import io.kpiengine.data.Vector;

/**
 * Per-thread access to one numeric column of successive batches as primitive arrays: {@code long}s for
 * integers, booleans, timestamps, dates and scaled decimals (unscaled), {@code double}s otherwise.
 */
final class NumericColumn {

    final String name;
    final ColumnType type;
    final int index;
    final boolean isDouble;
    /** Digits after the point of the long values: the decimal scale, 0 for integers. */
    final int scale;
    long[] longs = new long[0];
    double[] doubles = new double[0];
    /** Missing-value mask of the loaded batch, or null when nothing is missing. */
    long[] nulls;

    NumericColumn(Schema schema, String name, String role) {
        this.name = name;
        Column c = schema.find(name).orElseThrow(() -> new IllegalArgumentException(
                role + " column '" + name + "' is not in the schema " + schema.names()));
        if (!(c.type().isNumeric() || c.type() == ColumnType.TIMESTAMP || c.type() == ColumnType.DATE)) {
            throw new IllegalArgumentException(role + " column '" + name
                    + "' must be numeric (INTEGER, DECIMAL, BOOLEAN), but was " + c.type());
        }
        this.type = c.type();
        this.index = schema.indexOf(name);
        this.isDouble = c.type() == ColumnType.DECIMAL && !c.isExactDecimal();
        this.scale = c.isExactDecimal() ? c.scale() : 0;
    }

    /** DATE or TIMESTAMP for such a column, else null: what an order statistic of it is. */
    ColumnType temporalType() {
        return type == ColumnType.DATE || type == ColumnType.TIMESTAMP ? type : null;
    }

    static boolean isNull(long[] nulls, int row) {
        return nulls != null && (nulls[row >>> 6] & (1L << row)) != 0;
    }

    void load(RecordBatch batch) {
        Vector v = batch.column(index);
        int n = batch.size();
        nulls = v.hasNulls() ? v.nullMask() : null;
        if (isDouble) {
            if (doubles.length < n) {
                doubles = new double[Math.max(n, 1024)];
            }
            ((DoubleVector) v).copyTo(0, doubles, 0, n);
        } else {
            if (longs.length < n) {
                longs = new long[Math.max(n, 1024)];
            }
            if (v instanceof DecimalVector d) {
                d.copyTo(0, longs, 0, n);
            } else {
                ((LongVector) v).copyTo(0, longs, 0, n);
            }
        }
    }

    /** The value of a loaded row as a double in natural units. */
    double doubleAt(int row) {
        return isDouble ? doubles[row] : scale == 0 ? longs[row] : longs[row] / Pow10.asDouble(scale);
    }
}
