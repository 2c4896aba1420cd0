package io.kpiengine.data.io.internal;

import io.kpiengine.data.Dictionary;
import io.kpiengine.data.io.ColumnFormat;
import io.kpiengine.data.io.CsvSource;
import io.kpiengine.data.io.ErrorBudget;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The options that the builders of the CSV, JDBC and in-memory sources share, with their checks and messages in
 * one place: the source name, the batch size, the error budget, and per-column formats and dictionaries. Each
 * single-valued option may be set once ({@code "<option> was already set to <value>"}), each per-column option
 * once per column. Not thread-safe, like the builders that hold it.
 */
public final class SourceOptions {

    /** The largest number of rows per batch. */
    public static final int MAX_BATCH_SIZE = 1 << 20;

    private String name;
    private boolean nameSet;
    private int batchSize = CsvSource.DEFAULT_BATCH_SIZE;
    private boolean batchSizeSet;
    private ErrorBudget budget = ErrorBudget.UNLIMITED;
    private boolean budgetSet;
    private final Map<String, ColumnFormat> formats = new LinkedHashMap<>();
    private final Map<String, Dictionary> dictionaries = new LinkedHashMap<>();

    /**
     * Creates the options of one builder.
     *
     * @param defaultName the source name until {@link #name(String)} sets another
     */
    public SourceOptions(String defaultName) {
        this.name = defaultName;
    }

    /**
     * Fails if a single-valued option was already set.
     *
     * @param set whether it was set
     * @param option the option name
     * @param value its current value, for the message
     * @throws IllegalStateException if it was set
     */
    public static void once(boolean set, String option, Object value) {
        if (set) {
            throw new IllegalStateException(option + " was already set to " + value);
        }
    }

    /**
     * Sets a per-column option once per column.
     *
     * @param <T> the option's value type
     * @param map the option's values by column
     * @param option the option name
     * @param column the column name
     * @param value the value
     * @throws NullPointerException if column or value is null
     * @throws IllegalStateException if this column already has a value
     */
    public static <T> void putOnce(Map<String, T> map, String option, String column, T value) {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(value, option);
        once(map.containsKey(column), option + " of '" + column + "'", map.get(column));
        map.put(column, value);
    }

    /**
     * Checks a source name.
     *
     * @param name the name
     * @return the name
     * @throws NullPointerException if name is null
     * @throws IllegalArgumentException if it is blank
     */
    public static String checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must be non-blank, but was '" + name + "'");
        }
        return name;
    }

    /**
     * Sets the source name, once.
     *
     * @param name a non-blank name
     * @throws IllegalArgumentException if it is blank
     * @throws IllegalStateException if already set
     */
    public void name(String name) {
        once(nameSet, "name", this.name);
        this.name = checkName(name);
        nameSet = true;
    }

    /**
     * The source name.
     *
     * @return the name set, or the default
     */
    public String name() {
        return name;
    }

    /**
     * Sets the number of records per batch, once.
     *
     * @param size 1 to {@value #MAX_BATCH_SIZE}
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if already set
     */
    public void batchSize(int size) {
        once(batchSizeSet, "batchSize", batchSize);
        if (size < 1 || size > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("batchSize must be in 1.." + MAX_BATCH_SIZE + ", but was " + size);
        }
        batchSize = size;
        batchSizeSet = true;
    }

    /**
     * The number of records per batch.
     *
     * @return the size set, or {@value CsvSource#DEFAULT_BATCH_SIZE}
     */
    public int batchSize() {
        return batchSize;
    }

    /**
     * Sets the error budget, once.
     *
     * @param budget the budget
     * @throws IllegalStateException if already set
     */
    public void errorBudget(ErrorBudget budget) {
        once(budgetSet, "errorBudget", this.budget);
        this.budget = Objects.requireNonNull(budget, "budget");
        budgetSet = true;
    }

    /**
     * The error budget.
     *
     * @return the budget set, or {@link ErrorBudget#UNLIMITED}
     */
    public ErrorBudget errorBudget() {
        return budget;
    }

    /**
     * Sets the format of a column, once per column.
     *
     * @param column the column name
     * @param format its format
     * @throws IllegalStateException if this column already has a format
     */
    public void format(String column, ColumnFormat format) {
        putOnce(formats, "format", column, format);
    }

    /**
     * The formats set, by column.
     *
     * @return an unmodifiable view, in the order they were set
     */
    public Map<String, ColumnFormat> formats() {
        return Collections.unmodifiableMap(formats);
    }

    /**
     * Sets the dictionary of a CATEGORY column, once per column.
     *
     * @param column the column name
     * @param dictionary the dictionary
     * @throws IllegalStateException if this column already has a dictionary
     */
    public void dictionary(String column, Dictionary dictionary) {
        putOnce(dictionaries, "dictionary", column, dictionary);
    }

    /**
     * The dictionaries set, by column.
     *
     * @return an unmodifiable view, in the order they were set
     */
    public Map<String, Dictionary> dictionaries() {
        return Collections.unmodifiableMap(dictionaries);
    }
}
