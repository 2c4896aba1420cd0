package io.kpiengine.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable, ordered list of uniquely named {@link Column}s.
 *
 * <pre>{@code
 * Schema schema = Schema.of(
 *         Column.of("ts", ColumnType.TIMESTAMP),
 *         Column.of("channel", ColumnType.CATEGORY),
 *         Column.decimal("revenue", 2));
 * int revenue = schema.indexOf("revenue");
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Schema {

    private final List<Column> columns;
    private final Map<String, Integer> index;

    private Schema(List<Column> columns) {
        this.columns = List.copyOf(columns);
        Map<String, Integer> map = new HashMap<>();
        for (int i = 0; i < this.columns.size(); i++) {
            Column column = this.columns.get(i);
            Integer previous = map.putIfAbsent(column.name(), i);
            if (previous != null) {
                throw new IllegalArgumentException("duplicate column name '" + column.name()
                        + "' at positions " + (previous + 1) + " and " + (i + 1));
            }
        }
        this.index = Map.copyOf(map);
    }

    /**
     * A schema of the given columns, in order.
     *
     * @param columns the columns; names must be unique
     * @return the schema
     * @throws IllegalArgumentException if two columns share a name
     */
    public static Schema of(Column... columns) {
        return new Schema(Arrays.asList(columns));
    }

    /**
     * A schema of the given columns, in order.
     *
     * @param columns the columns; names must be unique
     * @return the schema
     * @throws IllegalArgumentException if two columns share a name
     */
    public static Schema of(List<Column> columns) {
        return new Schema(columns);
    }

    /**
     * The columns in order.
     *
     * @return an immutable list
     */
    public List<Column> columns() {
        return columns;
    }

    /**
     * The number of columns.
     *
     * @return the column count
     */
    public int size() {
        return columns.size();
    }

    /**
     * The column at a position.
     *
     * @param position 0-based position
     * @return the column
     * @throws IndexOutOfBoundsException if there is no such position
     */
    public Column column(int position) {
        return columns.get(position);
    }

    /**
     * The column of a name, if present.
     *
     * @param name the column name
     * @return the column, or empty
     */
    public Optional<Column> find(String name) {
        Integer i = index.get(name);
        return i == null ? Optional.empty() : Optional.of(columns.get(i));
    }

    /**
     * The 0-based position of a column.
     *
     * @param name the column name
     * @return the position
     * @throws IllegalArgumentException if there is no such column; the message lists the columns
     */
    public int indexOf(String name) {
        Integer i = index.get(Objects.requireNonNull(name, "name"));
        if (i == null) {
            throw new IllegalArgumentException("no column '" + name + "' in schema " + names());
        }
        return i;
    }

    /**
     * Whether a column of that name exists.
     *
     * @param name the column name
     * @return true if present
     */
    public boolean contains(String name) {
        return index.containsKey(name);
    }

    /**
     * The column names in order.
     *
     * @return an immutable list
     */
    public List<String> names() {
        List<String> names = new ArrayList<>(columns.size());
        for (Column c : columns) {
            names.add(c.name());
        }
        return List.copyOf(names);
    }

    /**
     * A schema with one column replaced (same position) by another.
     *
     * @param name the name of the column to replace
     * @param replacement the new column
     * @return a new schema
     */
    public Schema replace(String name, Column replacement) {
        List<Column> copy = new ArrayList<>(columns);
        copy.set(indexOf(name), replacement);
        return new Schema(copy);
    }

    /**
     * A schema with a column added at the end.
     *
     * @param column the new column
     * @return a new schema
     */
    public Schema append(Column column) {
        List<Column> copy = new ArrayList<>(columns);
        copy.add(column);
        return new Schema(copy);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schema s && s.columns.equals(columns);
    }

    @Override
    public int hashCode() {
        return columns.hashCode();
    }

    @Override
    public String toString() {
        return columns.toString();
    }
}
