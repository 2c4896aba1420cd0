package io.kpiengine.quality;

import io.kpiengine.quality.internal.Args;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Finds periods without any row in a time series (per group), and optionally fills them with one new row each:
 * a date spine. The periods are the {@link RowGrain} buckets of a TIMESTAMP or DATE column in {@link #zone()},
 * from the group's first to its last period, or over {@code [from, to]} when given.
 *
 * <pre>{@code
 * DateSpineRule spine = DateSpineRule.of("day", RowGrain.DAY).groupBy("channel").fill();
 * }</pre>
 *
 * <p>An inserted row has the period's start in the time column, the group's values in the group columns, and
 * missing values elsewhere, which the constant, zero, forward-fill, interpolation, mean and median rules then
 * fill (a missing-value QUARANTINE rule never removes an inserted row). Inserted rows are counted as such: the
 * account becomes {@code input + inserted = clean + quarantined + merged}. Detection streams (one entry per
 * group and period); inserted rows are emitted after the input is exhausted.
 *
 * <p>Immutable and thread-safe; the {@code with}-style methods return new rules.
 *
 * @param id the rule id; default {@code "date-spine:<column>"}
 * @param column the TIMESTAMP or DATE column
 * @param grain the period length
 * @param zone the zone of the periods
 * @param groupBy group columns; empty = one series
 * @param fillGaps whether to insert rows for missing periods, or only report them
 * @param from the first expected period's date, or null for each group's first period
 * @param to the last expected period's date, or null for each group's last period
 */
public record DateSpineRule(String id, String column, RowGrain grain, ZoneId zone, List<String> groupBy,
        boolean fillGaps, @Nullable LocalDate from, @Nullable LocalDate to) implements Rule {

    /**
     * Validates the components.
     *
     * @param id the rule id; default {@code "date-spine:<column>"}
     * @param column the TIMESTAMP or DATE column
     * @param grain the period length
     * @param zone the zone of the periods
     * @param groupBy group columns; empty = one series
     * @param fillGaps whether to insert rows for missing periods, or only report them
     * @param from the first expected period's date, or null for each group's first period
     * @param to the last expected period's date, or null for each group's last period
     * @throws NullPointerException if a required component is null
     * @throws IllegalArgumentException if from is after to
     */
    public DateSpineRule {
        Args.column("column", column);
        Objects.requireNonNull(grain, "grain");
        Objects.requireNonNull(zone, "zone");
        groupBy = Args.columns("groupBy", groupBy);
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("from must not be after to, but was " + from + " > " + to);
        }
        id = id == null ? "date-spine:" + column : Args.id(id);
    }

    /**
     * A spine that reports missing periods in UTC without filling them.
     *
     * @param column the time column
     * @param grain the period
     * @return the rule
     */
    @SuppressWarnings("NullAway") // a null id stands for the default id, which the constructor sets
    public static DateSpineRule of(String column, RowGrain grain) {
        return new DateSpineRule(null, column, grain, ZoneOffset.UTC, List.of(), false, null, null);
    }

    /**
     * This spine per group.
     *
     * @param first the first group column
     * @param more further group columns
     * @return a new rule
     * @throws IllegalStateException if groups were already set
     */
    public DateSpineRule groupBy(String first, String... more) {
        List<String> g = Args.groupBy(groupBy, first, more);
        return new DateSpineRule(id, column, grain, zone, g, fillGaps, from, to);
    }

    /**
     * This spine inserting a row for every missing period.
     *
     * @return a new rule
     */
    public DateSpineRule fill() {
        return new DateSpineRule(id, column, grain, zone, groupBy, true, from, to);
    }

    /**
     * This spine with periods in another zone.
     *
     * @param periodZone the zone
     * @return a new rule
     */
    public DateSpineRule zone(ZoneId periodZone) {
        return new DateSpineRule(id, column, grain, periodZone, groupBy, fillGaps, from, to);
    }

    /**
     * This spine over a fixed range of periods for every group.
     *
     * @param first a date in the first expected period
     * @param last a date in the last expected period
     * @return a new rule
     */
    public DateSpineRule range(LocalDate first, LocalDate last) {
        Args.once("range", from, first);
        return new DateSpineRule(id, column, grain, zone, groupBy, fillGaps, Objects.requireNonNull(first, "first"),
                Objects.requireNonNull(last, "last"));
    }

    /**
     * This rule with another id.
     *
     * @param newId the id
     * @return a new rule
     */
    public DateSpineRule withId(String newId) {
        return new DateSpineRule(Args.id(newId), column, grain, zone, groupBy, fillGaps, from, to);
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
