package io.kpiengine.quality;

import io.kpiengine.quality.internal.Args;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Checks that every period (per group, when {@link #groupBy()} is set) between the first and the last period
 * present in the clean rows has at least {@code minRows} rows; periods in between with no row at all count as
 * zero. The periods are the {@link RowGrain} buckets of a TIMESTAMP or DATE column in {@link #zone()}.
 *
 * <pre>{@code
 * ExpectedRowsRule daily = ExpectedRowsRule.of("ts", RowGrain.DAY, 1000).zone(ZoneId.of("Asia/Seoul"));
 * }</pre>
 *
 * <p>Completeness: the share of checked periods that meet the expectation. State: one counter per group and
 * period, streamed.
 *
 * <p>Immutable and thread-safe; the {@code with}-style methods return new rules.
 *
 * @param id the rule id; default {@code "expected-rows:<column>"}
 * @param column the TIMESTAMP or DATE column
 * @param grain the period length
 * @param zone the zone of the periods
 * @param minRows the fewest rows a period should have, at least 1
 * @param groupBy group columns; empty = all rows
 */
public record ExpectedRowsRule(String id, String column, RowGrain grain, ZoneId zone, long minRows,
        List<String> groupBy, @Nullable LocalDate from, @Nullable LocalDate to) implements Rule {

    /**
     * Validates the components.
     *
     * @param id the rule id; default {@code "expected-rows:<column>"}
     * @param column the TIMESTAMP or DATE column
     * @param grain the period length
     * @param zone the zone of the periods
     * @param minRows the fewest rows a period should have, at least 1
     * @param groupBy group columns; empty = all rows
     * @param from a date in the first period checked, or null for each group's first period
     * @param to a date in the last period checked, or null for each group's last period
     * @throws NullPointerException if a component other than id, from and to is null
     * @throws IllegalArgumentException if minRows is below 1, only one of from and to is set, or from is after to
     */
    public ExpectedRowsRule {
        Args.column("column", column);
        Objects.requireNonNull(grain, "grain");
        Objects.requireNonNull(zone, "zone");
        groupBy = Args.columns("groupBy", groupBy);
        if (minRows < 1) {
            throw new IllegalArgumentException("minRows must be >= 1, but was " + minRows);
        }
        if ((from == null) != (to == null)) {
            throw new IllegalArgumentException("from and to must be set together, but were " + from + " and " + to);
        }
        if (from != null && from.isAfter(to)) {
            throw new IllegalArgumentException("from must not be after to, but was " + from + " > " + to);
        }
        id = id == null ? "expected-rows:" + column : Args.id(id);
    }

    /**
     * A rule over each group's own range of periods (no {@code from}/{@code to}).
     *
     * @param id the rule id; default {@code "expected-rows:<column>"}
     * @param column the TIMESTAMP or DATE column
     * @param grain the period length
     * @param zone the zone of the periods
     * @param minRows the fewest rows a period should have, at least 1
     * @param groupBy group columns; empty = all rows
     * @throws NullPointerException if a component other than id is null
     * @throws IllegalArgumentException if minRows is below 1
     */
    public ExpectedRowsRule(String id, String column, RowGrain grain, ZoneId zone, long minRows,
            List<String> groupBy) {
        this(id, column, grain, zone, minRows, groupBy, null, null);
    }

    /**
     * An expectation of rows per period in UTC.
     *
     * @param column the time column
     * @param grain the period
     * @param minRows the fewest rows per period
     * @return the rule
     */
    @SuppressWarnings("NullAway") // a null id stands for the default id, which the constructor sets
    public static ExpectedRowsRule of(String column, RowGrain grain, long minRows) {
        return new ExpectedRowsRule(null, column, grain, ZoneOffset.UTC, minRows, List.of());
    }

    /**
     * This rule with periods in another zone.
     *
     * @param periodZone the zone
     * @return a new rule
     */
    public ExpectedRowsRule zone(ZoneId periodZone) {
        return new ExpectedRowsRule(id, column, grain, periodZone, minRows, groupBy, from, to);
    }

    /**
     * This rule counting per group.
     *
     * @param first the first group column
     * @param more further group columns
     * @return a new rule
     * @throws IllegalStateException if groups were already set
     */
    public ExpectedRowsRule groupBy(String first, String... more) {
        List<String> g = Args.groupBy(groupBy, first, more);
        return new ExpectedRowsRule(id, column, grain, zone, minRows, g, from, to);
    }

    /**
     * This rule with another id.
     *
     * @param newId the id
     * @return a new rule
     */
    public ExpectedRowsRule withId(String newId) {
        return new ExpectedRowsRule(Args.id(newId), column, grain, zone, minRows, groupBy, from, to);
    }

    /**
     * This rule over a fixed range of periods for every group: periods of the range without rows count as short.
     *
     * <pre>{@code
     * ExpectedRowsRule march = ExpectedRowsRule.of("day", RowGrain.DAY, 1)
     *         .range(LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 31));
     * }</pre>
     *
     * @param first a date in the first period checked
     * @param last a date in the last period checked
     * @return a new rule
     * @throws IllegalStateException if a range was already set
     * @throws IllegalArgumentException if first is after last
     */
    public ExpectedRowsRule range(LocalDate first, LocalDate last) {
        Args.once("range", from, first);
        return new ExpectedRowsRule(id, column, grain, zone, minRows, groupBy, Objects.requireNonNull(first, "first"),
                Objects.requireNonNull(last, "last"));
    }

    @Override
    public Dimension dimension() {
        return Dimension.COMPLETENESS;
    }

    @Override
    public List<String> columns() {
        return Args.union(column, groupBy);
    }
}
