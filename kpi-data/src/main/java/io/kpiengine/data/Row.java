package io.kpiengine.data;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A read-only view of one row of a {@link RecordBatch}, for casual use (tests, examples, small results).
 * Fast code reads the vectors directly.
 *
 * <pre>{@code
 * Row row = batch.row(0);
 * String channel = row.getString("channel");
 * }</pre>
 *
 * <p>Immutable and thread-safe, like the batch it views.
 */
public final class Row {

    private final RecordBatch batch;
    private final int index;

    Row(RecordBatch batch, int index) {
        this.batch = batch;
        this.index = index;
    }

    /**
     * The 0-based index of this row in its batch.
     *
     * @return the index
     */
    public int index() {
        return index;
    }

    /**
     * The source position of the record (see {@link RecordBatch#rowNumber(int)}).
     *
     * @return the 1-based line or ordinal
     */
    public long rowNumber() {
        return batch.rowNumber(index);
    }

    /**
     * The boxed value of a column (see {@link Vector#getObject(int)}).
     *
     * @param column the column name
     * @return the value, or null when missing
     */
    public @Nullable Object get(String column) {
        return batch.column(column).getObject(index);
    }

    /**
     * Whether the value of a column is missing.
     *
     * @param column the column name
     * @return true if missing
     */
    public boolean isNull(String column) {
        return batch.column(column).isNull(index);
    }

    /**
     * The value of a column as text.
     *
     * @param column the column name
     * @return {@code String.valueOf} of the value, or null when missing
     */
    public @Nullable String getString(String column) {
        Object v = get(column);
        return v == null ? null : v.toString();
    }

    /**
     * All values by column name, in schema order.
     *
     * @return a new map; missing values map to null
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < batch.schema().size(); i++) {
            map.put(batch.schema().column(i).name(), batch.column(i).getObject(index));
        }
        return map;
    }

    @Override
    public String toString() {
        return "Row " + rowNumber() + " " + toMap();
    }
}
