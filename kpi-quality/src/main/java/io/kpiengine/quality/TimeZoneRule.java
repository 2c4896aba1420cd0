package io.kpiengine.quality;

import io.kpiengine.quality.internal.Args;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Normalises a column of date-time text to instants (a TIMESTAMP column): text with an offset
 * ({@code 2025-03-30T02:30:00+02:00}, {@code ...Z}) or a zone id ({@code 2025-03-30T02:30:00[Europe/Berlin]}) is
 * exact; a local date-time ({@code 2025-03-30T02:30:00}, {@code 2025-03-30 02:30}) is read in the zone of the row's
 * zone column, else in the declared source zone, else the row is quarantined ("local time without a zone").
 *
 * <pre>{@code
 * TimeZoneRule berlin = TimeZoneRule.of("ts").sourceZone(ZoneId.of("Europe/Berlin"))
 *         .onGap(TimeZoneRule.Gap.SHIFT).onOverlap(TimeZoneRule.Overlap.EARLIER);
 * }</pre>
 *
 * <p><b>Daylight saving.</b> A local time inside a spring-forward gap (02:30 on 2025-03-30 in Berlin does not
 * exist) is resolved by {@link Gap}: {@code SHIFT} moves it forward by the length of the gap (03:30, the
 * java.time rule), {@code NEXT_VALID} to the first valid instant (03:00, pandas
 * {@code nonexistent='shift_forward'}), {@code QUARANTINE} quarantines the row. A local time inside an autumn
 * overlap (02:30 on 2025-10-26 happens twice) is resolved by {@link Overlap}: {@code EARLIER} (the first,
 * summer-time instant; default), {@code LATER}, or {@code QUARANTINE}. Both are counted in the report.
 * A column that is already TIMESTAMP is left as it is (a second run is a no-op).
 *
 * <p>Immutable and thread-safe; the {@code with}-style methods return new rules.
 *
 * @param id the rule id; default {@code "timezone:<column>"}
 * @param column the TEXT or CATEGORY column (or an already normalised TIMESTAMP column)
 * @param sourceZone the zone of local times, or null
 * @param zoneColumn a TEXT or CATEGORY column of zone ids or offsets per row, or null; it wins over sourceZone
 * @param pattern a {@link DateTimeFormatter} pattern for local date-times such as {@code M/d/yyyy H:mm}, or null
 *     for ISO-8601 (with {@code T} or a space)
 * @param gap how local times in a gap are resolved
 * @param overlap how local times in an overlap are resolved
 */
public record TimeZoneRule(String id, String column, @Nullable ZoneId sourceZone, @Nullable String zoneColumn,
        @Nullable String pattern, Gap gap, Overlap overlap) implements Rule {

    /** Resolution of a local time that does not exist (spring forward). */
    public enum Gap {
        /** Forward by the length of the gap: 02:30 becomes 03:30 (java.time). */
        SHIFT,
        /** To the first instant after the gap: 02:30 becomes 03:00 (pandas {@code shift_forward}). */
        NEXT_VALID,
        /** Quarantine the row. */
        QUARANTINE
    }

    /** Resolution of a local time that exists twice (fall back). */
    public enum Overlap {
        /** The earlier instant, still on summer time. */
        EARLIER,
        /** The later instant, already on standard time. */
        LATER,
        /** Quarantine the row. */
        QUARANTINE
    }

    /**
     * Validates the components.
     *
     * @param id the rule id; default {@code "timezone:<column>"}
     * @param column the TEXT or CATEGORY column (or an already normalised TIMESTAMP column)
     * @param sourceZone the zone of local times, or null
     * @param zoneColumn a TEXT or CATEGORY column of zone ids or offsets per row, or null; it wins over sourceZone
     * @param pattern a {@link DateTimeFormatter} pattern for local date-times such as {@code M/d/yyyy H:mm}, or null
     *     for ISO-8601 (with {@code T} or a space)
     * @param gap how local times in a gap are resolved
     * @param overlap how local times in an overlap are resolved
     * @throws NullPointerException if column, gap or overlap is null
     * @throws IllegalArgumentException if a name or the pattern is invalid
     */
    public TimeZoneRule {
        Args.column("column", column);
        if (zoneColumn != null) {
            Args.column("zoneColumn", zoneColumn);
        }
        if (pattern != null) {
            try {
                DateTimeFormatter unused = DateTimeFormatter.ofPattern(pattern);   // validates the pattern
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("pattern must be a DateTimeFormatter pattern, but was '" + pattern
                        + "': " + e.getMessage(), e);
            }
        }
        Objects.requireNonNull(gap, "gap");
        Objects.requireNonNull(overlap, "overlap");
        id = id == null ? "timezone:" + column : Args.id(id);
    }

    /**
     * A rule that reads a column as date-times; local times need {@link #sourceZone} or {@link #zoneColumn}.
     *
     * @param column the column
     * @return the rule, with gap SHIFT and overlap EARLIER
     */
    @SuppressWarnings("NullAway") // a null id stands for the default id, which the constructor sets
    public static TimeZoneRule of(String column) {
        return new TimeZoneRule(null, column, null, null, null, Gap.SHIFT, Overlap.EARLIER);
    }

    /**
     * This rule reading local times in a zone.
     *
     * @param zone the zone
     * @return a new rule
     * @throws IllegalStateException if a zone was already set
     */
    public TimeZoneRule sourceZone(ZoneId zone) {
        Args.once("sourceZone", sourceZone, zone);
        return new TimeZoneRule(id, column, Objects.requireNonNull(zone, "zone"), zoneColumn, pattern, gap, overlap);
    }

    /**
     * This rule reading local times in the zone named by another column of the same row.
     *
     * @param column the zone column
     * @return a new rule
     * @throws IllegalStateException if a zone column was already set
     */
    public TimeZoneRule zoneColumn(String column) {
        Args.once("zoneColumn", zoneColumn, column);
        return new TimeZoneRule(id, this.column, sourceZone, column, pattern, gap, overlap);
    }

    /**
     * This rule reading local date-times with a pattern.
     *
     * @param dateTimePattern a {@link DateTimeFormatter} pattern
     * @return a new rule
     * @throws IllegalStateException if a pattern was already set
     */
    public TimeZoneRule pattern(String dateTimePattern) {
        Args.once("pattern", pattern, dateTimePattern);
        return new TimeZoneRule(id, column, sourceZone, zoneColumn, Objects.requireNonNull(dateTimePattern, "pattern"),
                gap, overlap);
    }

    /**
     * This rule resolving gaps another way.
     *
     * @param policy the policy
     * @return a new rule
     */
    public TimeZoneRule onGap(Gap policy) {
        return new TimeZoneRule(id, column, sourceZone, zoneColumn, pattern, policy, overlap);
    }

    /**
     * This rule resolving overlaps another way.
     *
     * @param policy the policy
     * @return a new rule
     */
    public TimeZoneRule onOverlap(Overlap policy) {
        return new TimeZoneRule(id, column, sourceZone, zoneColumn, pattern, gap, policy);
    }

    /**
     * This rule with another id.
     *
     * @param newId the id
     * @return a new rule
     */
    public TimeZoneRule withId(String newId) {
        return new TimeZoneRule(Args.id(newId), column, sourceZone, zoneColumn, pattern, gap, overlap);
    }

    @Override
    public Dimension dimension() {
        return Dimension.CONSISTENCY;
    }

    @Override
    public List<String> columns() {
        return Args.union(column, zoneColumn);
    }
}
