package io.kpiengine.core.track;

import io.kpiengine.core.metric.TargetBand;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One target of a {@link TrackingPlan}: a value (or band) for a metric, optionally for one segment, effective over
 * a range of dates or over a horizon. Targets in the metric metadata ({@code targets: {shortTerm, longTerm,
 * stretch}}, {@code targetBand}) are the constant defaults; planned targets of the same kind replace them for the
 * metric.
 *
 * <pre>{@code
 * PlannedTarget monthly = PlannedTarget.shortTerm("leads", new BigDecimal("1200")).from(LocalDate.of(2025, 1, 1));
 * PlannedTarget email = monthly.segment(Map.of("channel", "email")).withValue(new BigDecimal("300"));
 * PlannedTarget annual = PlannedTarget.longTerm("leads", new BigDecimal("15000"))
 *         .phased(Phasing.SEASONAL, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31));
 * PlannedTarget band = PlannedTarget.band("days_of_inventory", new BigDecimal("20"), new BigDecimal("40"));
 * }</pre>
 *
 * <p>Which target a period gets: among the targets of one kind that apply to the period (its first date within
 * {@code from..until}, or within the horizon) and to the segment, the one with the most segment dimensions wins,
 * then the one with the latest {@code from}, then the one declared last. A phased target gives each period of its
 * horizon its share ({@link Phasing}); an unphased long-term or stretch target with a due date is a level to reach
 * by then. Immutable and thread-safe.
 *
 * @param metric the metric id
 * @param kind the slot
 * @param value the target value; null for a {@link TargetKind#BAND}
 * @param band the acceptable range of a band target; null for the other kinds
 * @param segment dimension values the target is for; empty for every segment
 * @param from the first date of the periods it applies to (by their first date), or null for no limit
 * @param until the last date of the periods it applies to, or null for no limit
 * @param horizonStart the first date of a phased target's horizon, null when not phased
 * @param due the date by which a long-term or stretch target is to be reached (the horizon's last date), or null
 * @param phasing how a horizon target is split over its periods; NONE when not phased
 */
public record PlannedTarget(String metric, TargetKind kind, @Nullable BigDecimal value, @Nullable TargetBand band,
        Map<String, String> segment, @Nullable LocalDate from, @Nullable LocalDate until,
        @Nullable LocalDate horizonStart, @Nullable LocalDate due,
        Phasing phasing) {

    /**
     * Validates the target.
     *
     * @param metric the metric id
     * @param kind the slot
     * @param value the target value; null for a band
     * @param band the range of a band target; null for the other kinds
     * @param segment dimension values the target is for; empty for every segment
     * @param from the first date it applies to, or null
     * @param until the last date it applies to, or null
     * @param horizonStart the first date of a phased target's horizon, or null
     * @param due the due date of a long-term or stretch target, or null
     * @param phasing how a horizon target is split
     * @throws NullPointerException if metric, kind, segment or phasing is null, or a segment key or value is null
     * @throws IllegalArgumentException if the fields do not fit together (a band without band, a value on a band,
     *     {@code until} before {@code from}, a phased target without its horizon, a due date on a short-term
     *     target, dates on a phased target)
     */
    public PlannedTarget {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(phasing, "phasing");
        segment = Segments.copy(segment);
        if (metric.isBlank()) {
            throw new IllegalArgumentException("metric must not be blank, but was '" + metric + "'");
        }
        if (kind == TargetKind.BAND ? band == null || value != null : value == null || band != null) {
            throw new IllegalArgumentException(kind == TargetKind.BAND ? "a band target needs low and high, and no value"
                    : "a " + kind.id() + " target needs a value, and no band");
        }
        if (from != null && until != null && until.isBefore(from)) {
            throw new IllegalArgumentException("until must not be before from " + from + ", but was " + until);
        }
        if (due != null && (kind == TargetKind.SHORT_TERM || kind == TargetKind.BAND)) {
            throw new IllegalArgumentException("a due date applies to long-term and stretch targets, but this target is "
                    + kind.id());
        }
        if (phasing != Phasing.NONE) {
            if (horizonStart == null || due == null) {
                throw new IllegalArgumentException("a phased target needs its horizon: a start and a due date");
            }
            if (due.isBefore(horizonStart)) {
                throw new IllegalArgumentException("due date must not be before the horizon start " + horizonStart
                        + ", but was " + due);
            }
            if (from != null || until != null) {
                throw new IllegalArgumentException("a phased target applies over its horizon; from and until do not"
                        + " apply");
            }
        } else if (horizonStart != null) {
            throw new IllegalArgumentException("a horizon start applies to phased targets only");
        }
    }

    private static BigDecimal finite(double value, String what) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " must be finite, but was " + value);
        }
        return BigDecimal.valueOf(value);
    }

    /**
     * A short-term target: the target of each period it applies to.
     *
     * @param metric the metric id
     * @param value the target value
     * @return the target, for every segment and every period
     * @throws NullPointerException if an argument is null
     */
    public static PlannedTarget shortTerm(String metric, BigDecimal value) {
        return new PlannedTarget(metric, TargetKind.SHORT_TERM, Objects.requireNonNull(value, "value"), null, Map.of(),
                null, null, null, null, Phasing.NONE);
    }

    /**
     * A short-term target from a double.
     *
     * @param metric the metric id
     * @param value the target value
     * @return the target
     * @throws IllegalArgumentException if value is NaN or infinite
     */
    public static PlannedTarget shortTerm(String metric, double value) {
        return shortTerm(metric, finite(value, "value"));
    }

    /**
     * A long-term target: a level (give it a due date with {@link #due(LocalDate)}) or a total phased over a horizon
     * ({@link #phased(Phasing, LocalDate, LocalDate)}).
     *
     * @param metric the metric id
     * @param value the target value
     * @return the target
     * @throws NullPointerException if an argument is null
     */
    public static PlannedTarget longTerm(String metric, BigDecimal value) {
        return new PlannedTarget(metric, TargetKind.LONG_TERM, Objects.requireNonNull(value, "value"), null, Map.of(),
                null, null, null, null, Phasing.NONE);
    }

    /**
     * A stretch target; meeting it gives the status EXCEEDED under the built-in rules.
     *
     * @param metric the metric id
     * @param value the target value
     * @return the target
     * @throws NullPointerException if an argument is null
     */
    public static PlannedTarget stretch(String metric, BigDecimal value) {
        return new PlannedTarget(metric, TargetKind.STRETCH, Objects.requireNonNull(value, "value"), null, Map.of(),
                null, null, null, null, Phasing.NONE);
    }

    /**
     * A band target of a target-band metric.
     *
     * @param metric the metric id
     * @param low the smallest good value
     * @param high the largest good value
     * @return the target
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if high is below low
     */
    public static PlannedTarget band(String metric, BigDecimal low, BigDecimal high) {
        return new PlannedTarget(metric, TargetKind.BAND, null, new TargetBand(low, high), Map.of(), null, null, null,
                null, Phasing.NONE);
    }

    /**
     * This target with another value.
     *
     * @param newValue the value
     * @return a new target
     * @throws IllegalArgumentException if this is a band target
     */
    public PlannedTarget withValue(BigDecimal newValue) {
        return new PlannedTarget(metric, kind, Objects.requireNonNull(newValue, "newValue"), band, segment, from, until,
                horizonStart, due, phasing);
    }

    /**
     * This target for one segment only.
     *
     * <pre>{@code
     * PlannedTarget t = PlannedTarget.shortTerm("leads", 300).segment(Map.of("channel", "email"));
     * }</pre>
     *
     * @param dimensions dimension values, such as {@code {channel=email}}
     * @return a new target
     */
    public PlannedTarget segment(Map<String, String> dimensions) {
        return new PlannedTarget(metric, kind, value, band, dimensions, from, until, horizonStart, due, phasing);
    }

    /**
     * This target applying to the periods that start on or after a date.
     *
     * @param date the effective date
     * @return a new target
     */
    public PlannedTarget from(LocalDate date) {
        return new PlannedTarget(metric, kind, value, band, segment, Objects.requireNonNull(date, "date"), until,
                horizonStart, due, phasing);
    }

    /**
     * This target applying to the periods that start on or before a date.
     *
     * @param date the last date
     * @return a new target
     */
    public PlannedTarget until(LocalDate date) {
        return new PlannedTarget(metric, kind, value, band, segment, from, Objects.requireNonNull(date, "date"),
                horizonStart, due, phasing);
    }

    /**
     * This long-term or stretch target as a level to reach by a date: the scorecard forecasts the KPI at the period
     * holding the date.
     *
     * @param date the due date
     * @return a new target
     * @throws IllegalArgumentException if this is a short-term or band target
     */
    public PlannedTarget due(LocalDate date) {
        return new PlannedTarget(metric, kind, value, band, segment, from, until, horizonStart,
                Objects.requireNonNull(date, "date"), phasing);
    }

    /**
     * This long-term or stretch target as a total over a horizon, split over its periods.
     *
     * <pre>{@code
     * PlannedTarget annual = PlannedTarget.longTerm("leads", new BigDecimal("15000"))
     *         .phased(Phasing.LINEAR, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31));
     * }</pre>
     *
     * @param how LINEAR or SEASONAL
     * @param start the first date of the horizon
     * @param dueDate the last date of the horizon
     * @return a new target
     * @throws IllegalArgumentException if how is NONE, this is a short-term or band target, or the dates are out of
     *     order
     */
    public PlannedTarget phased(Phasing how, LocalDate start, LocalDate dueDate) {
        if (Objects.requireNonNull(how, "how") == Phasing.NONE) {
            throw new IllegalArgumentException("how must be LINEAR or SEASONAL, but was NONE");
        }
        return new PlannedTarget(metric, kind, value, band, segment, from, until, Objects.requireNonNull(start, "start"),
                Objects.requireNonNull(dueDate, "dueDate"), how);
    }

    /**
     * The target value.
     *
     * @return the value, empty for a band target
     */
    public Optional<BigDecimal> targetValue() {
        return Optional.ofNullable(value);
    }

    /**
     * Whether the target applies to a segment: every dimension it names has the segment's value.
     *
     * @param dimensions the segment's dimension values
     * @return true if it applies
     */
    public boolean appliesTo(Map<String, String> dimensions) {
        return Segments.matches(segment, dimensions);
    }

    /**
     * Whether the target applies to a period that starts on a date (its {@code from..until} range, or its
     * horizon when phased).
     *
     * @param firstDate the period's first date
     * @return true if it applies
     */
    public boolean appliesOn(LocalDate firstDate) {
        if (phasing != Phasing.NONE) {
            return !firstDate.isBefore(horizonStart) && !firstDate.isAfter(due);
        }
        return (from == null || !firstDate.isBefore(from)) && (until == null || !firstDate.isAfter(until));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(kind.id()).append(" target of '").append(metric).append("' ")
                .append(band != null ? band.toString()
                        : Objects.requireNonNull(value, "a target that is not a band has a value").toPlainString());
        if (!segment.isEmpty()) {
            sb.append(" for ").append(segment);
        }
        if (phasing != Phasing.NONE) {
            sb.append(", ").append(phasing.id()).append(" over ").append(horizonStart).append("..").append(due);
        } else if (due != null) {
            sb.append(" by ").append(due);
        }
        if (from != null || until != null) {
            sb.append(", from ").append(from == null ? "the start" : from).append(" until ")
                    .append(until == null ? "further notice" : until);
        }
        return sb.toString();
    }
}
