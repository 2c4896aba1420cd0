package io.kpiengine.quality;

import io.kpiengine.quality.internal.Args;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Removes duplicate rows: exact duplicates (every value equal), or rows that share the values of key columns,
 * keeping one row per key by a {@link Keep} policy. Every removed row is recorded as merged into the row that
 * was kept; key duplicates whose other values differ are also recorded as conflicts, with both versions.
 *
 * <pre>{@code
 * DuplicateRule exact = DuplicateRule.exact();                                  // pandas drop_duplicates()
 * DuplicateRule latest = DuplicateRule.byKey("order_id").keepLatest("updated_at");
 * }</pre>
 *
 * <p><b>Semantics.</b> Exact duplicates match pandas {@code df.drop_duplicates(keep='first')}: values are
 * compared after the row-level normalisation rules (time zones, units, currencies, allowed-value maps) and
 * before missing values are filled; a missing value equals a missing value. The first row in source order is
 * kept. Key duplicates match {@code df.drop_duplicates(subset=key, keep='first'|'last')}; {@code LATEST} keeps
 * the row with the greatest value of a timestamp column and {@code MAX} the row with the greatest value of a
 * numeric column (ties go to the later row, a missing value counts as the smallest), which is what
 * {@code df.sort_values(col, kind='stable').drop_duplicates(subset=key, keep='last')} keeps.
 *
 * <p><b>Cost.</b> Exact duplicates stream: their state is 16 bytes of fingerprint per distinct row plus a 4-byte
 * index slot at 37.5 to 75% load, 21 to 27 bytes per distinct row (see {@code docs/quality-rules.md}). Key
 * duplicates buffer the rows until the end of the input.
 *
 * <p>Immutable and thread-safe; the {@code with}-style methods return new rules.
 *
 * @param id the rule id; default {@code "duplicates:exact"} or {@code "duplicates:<key,...>"}
 * @param key the key columns, empty for exact duplicates
 * @param keep which row of a key group survives
 * @param by the column compared by {@link Keep#LATEST} and {@link Keep#MAX}, else null
 */
public record DuplicateRule(String id, List<String> key, Keep keep, @Nullable String by) implements Rule {

    /** Which row of a group of duplicates is kept. */
    public enum Keep {
        /** The first row in source order (pandas {@code keep='first'}). */
        FIRST,
        /** The last row in source order (pandas {@code keep='last'}). */
        LAST,
        /** The row with the latest timestamp in column {@code by}; ties go to the later row. */
        LATEST,
        /** The row with the greatest value in column {@code by}; ties go to the later row. */
        MAX
    }

    /**
     * Validates the components.
     *
     * @param id the rule id; default {@code "duplicates:exact"} or {@code "duplicates:<key,...>"}
     * @param key the key columns, empty for exact duplicates
     * @param keep which row of a key group survives
     * @param by the column compared by {@link Keep#LATEST} and {@link Keep#MAX}, else null
     * @throws NullPointerException if key or keep is null
     * @throws IllegalArgumentException if a name is invalid, {@code by} does not match the policy, or an exact
     *     rule asks for another policy than FIRST
     */
    public DuplicateRule {
        key = Args.columns("key", key);
        Objects.requireNonNull(keep, "keep");
        boolean needsBy = keep == Keep.LATEST || keep == Keep.MAX;
        if (needsBy) {
            Args.column("by", by);
        } else if (by != null) {
            throw new IllegalArgumentException("by must be null for keep " + keep + ", but was '" + by + "'");
        }
        if (key.isEmpty() && keep != Keep.FIRST) {
            throw new IllegalArgumentException("keep must be FIRST for exact duplicates (the rows are identical),"
                    + " but was " + keep);
        }
        id = id == null ? (key.isEmpty() ? "duplicates:exact" : "duplicates:" + String.join(",", key)) : Args.id(id);
    }

    /**
     * A rule that removes exact duplicate rows, keeping the first.
     *
     * @return the rule
     */
    @SuppressWarnings("NullAway") // a null id stands for the default id, which the constructor sets
    public static DuplicateRule exact() {
        return new DuplicateRule(null, List.of(), Keep.FIRST, null);
    }

    /**
     * A rule that removes rows sharing the values of key columns, keeping the first.
     *
     * @param first the first key column
     * @param more further key columns
     * @return the rule
     */
    @SuppressWarnings("NullAway") // a null id stands for the default id, which the constructor sets
    public static DuplicateRule byKey(String first, String... more) {
        List<String> key = new ArrayList<>();
        key.add(first);
        key.addAll(Arrays.asList(more));
        return new DuplicateRule(null, key, Keep.FIRST, null);
    }

    /**
     * This rule keeping the first row of each key group (the default).
     *
     * @return a new rule
     */
    public DuplicateRule keepFirst() {
        return new DuplicateRule(id, key, Keep.FIRST, null);
    }

    /**
     * This rule keeping the last row of each key group.
     *
     * @return a new rule
     */
    public DuplicateRule keepLast() {
        return new DuplicateRule(id, key, Keep.LAST, null);
    }

    /**
     * This rule keeping the row with the latest timestamp in a column.
     *
     * @param timestampColumn a TIMESTAMP or DATE column
     * @return a new rule
     */
    public DuplicateRule keepLatest(String timestampColumn) {
        return new DuplicateRule(id, key, Keep.LATEST, timestampColumn);
    }

    /**
     * This rule keeping the row with the greatest value in a numeric column.
     *
     * @param column a numeric column
     * @return a new rule
     */
    public DuplicateRule keepMax(String column) {
        return new DuplicateRule(id, key, Keep.MAX, column);
    }

    /**
     * This rule with another id.
     *
     * @param newId the id
     * @return a new rule
     */
    public DuplicateRule withId(String newId) {
        return new DuplicateRule(Args.id(newId), key, keep, by);
    }

    /**
     * Whether this rule compares every column.
     *
     * @return true for exact duplicates
     */
    public boolean isExact() {
        return key.isEmpty();
    }

    @Override
    public Dimension dimension() {
        return Dimension.UNIQUENESS;
    }

    @Override
    public List<String> columns() {
        return Args.union(key, by);
    }
}
