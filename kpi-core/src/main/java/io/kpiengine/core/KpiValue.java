package io.kpiengine.core;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * The value of one KPI cell: a finite number, exact as a decimal where the aggregation is exact (counts,
 * distinct counts, sums/min/max of integers and scaled decimals), a date or an instant (the minimum, maximum,
 * first or last of a DATE or TIMESTAMP column), or no value with a reason.
 *
 * <pre>{@code
 * KpiValue v = KpiValue.of(12.5);
 * double d = v.value();                          // 12.5
 * KpiValue none = KpiValue.none(NoValueReason.NO_ROWS, "no rows");
 * String why = none.detail().orElse("");         // "no rows"
 * KpiValue firstOrder = KpiValue.of(LocalDate.of(2018, 1, 3));
 * firstOrder.text();                             // "2018-01-03"
 * }</pre>
 *
 * <p><b>Text</b> ({@link #text()}, and so every output of {@code kpi run}): numbers in plain decimal notation
 * with {@code .} as the decimal separator, without thousands separators, exponent or trailing zeros
 * ({@code 11382}, not {@code 11382.0}; {@code 0.0000125}, not {@code 1.25E-5}); exact decimals in full; a double
 * with the fewest digits that read back as the same double ({@link Double#toString(double)}'s digits); dates as
 * ISO dates ({@code 2018-01-03}) and instants as ISO instants in UTC ({@code 2018-01-03T09:30:00Z}). Spreadsheets
 * and JSON readers read such numbers as numbers in every locale that uses the point.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class KpiValue {

    /** What a present value is: a number, a date or an instant. */
    private enum Kind { NUMBER, DATE, INSTANT }

    private final double value;
    private final @Nullable BigDecimal exact;
    private final @Nullable NoValueReason reason;
    private final @Nullable String detail;
    private final Kind kind;

    private KpiValue(double value, @Nullable BigDecimal exact, @Nullable NoValueReason reason,
            @Nullable String detail, Kind kind) {
        this.value = value;
        this.exact = exact;
        this.reason = reason;
        this.detail = detail;
        this.kind = kind;
    }

    /**
     * A present value.
     *
     * @param value a finite number
     * @return the value
     * @throws IllegalArgumentException if the value is NaN or infinite
     */
    public static KpiValue of(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite, but was " + value);
        }
        return new KpiValue(value == 0 ? 0.0 : value, null, null, null, Kind.NUMBER);
    }

    /**
     * A present value known exactly as a decimal.
     *
     * @param exact the exact value
     * @return the value; {@link #value()} is the nearest double
     */
    public static KpiValue of(BigDecimal exact) {
        Objects.requireNonNull(exact, "exact");
        return new KpiValue(exact.doubleValue() == 0 ? 0.0 : exact.doubleValue(), exact, null, null, Kind.NUMBER);
    }

    /**
     * No value.
     *
     * @param reason why
     * @param detail a sentence for people, e.g. {@code "no rows in 2025-03 for channel=email"}
     * @return the value
     */
    public static KpiValue none(NoValueReason reason, String detail) {
        return new KpiValue(Double.NaN, null, Objects.requireNonNull(reason, "reason"),
                Objects.requireNonNull(detail, "detail"), Kind.NUMBER);
    }

    /**
     * A date: the minimum, maximum, first or last of a DATE column. {@link #value()} is its epoch day (days since
     * 1970-01-01), so formulas can subtract dates; {@link #text()} is the ISO date.
     *
     * <pre>{@code
     * KpiValue.of(LocalDate.of(2018, 1, 3)).text();   // "2018-01-03"
     * }</pre>
     *
     * @param date the date
     * @return the value
     */
    public static KpiValue of(LocalDate date) {
        long day = Objects.requireNonNull(date, "date").toEpochDay();
        return new KpiValue(day, BigDecimal.valueOf(day), null, null, Kind.DATE);
    }

    /**
     * An instant: the minimum, maximum, first or last of a TIMESTAMP column. {@link #value()} is microseconds
     * since 1970-01-01T00:00Z (the record model's unit); {@link #text()} is the ISO instant in UTC.
     *
     * <pre>{@code
     * KpiValue.of(Instant.parse("2025-03-14T09:30:00Z")).text();   // "2025-03-14T09:30:00Z"
     * }</pre>
     *
     * @param instant the instant, within the range of microseconds in a long
     * @return the value
     * @throws ArithmeticException if the instant is out of range
     */
    public static KpiValue of(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        long micros = Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L),
                instant.getNano() / 1000);
        return new KpiValue(micros, BigDecimal.valueOf(micros), null, null, Kind.INSTANT);
    }

    /**
     * The date, when this value is the minimum, maximum, first or last of a DATE column.
     *
     * @return the date, or empty for numbers, instants and missing values
     */
    public Optional<LocalDate> date() {
        return kind == Kind.DATE && isPresent() ? Optional.of(LocalDate.ofEpochDay((long) value)) : Optional.empty();
    }

    /**
     * The instant, when this value is the minimum, maximum, first or last of a TIMESTAMP column.
     *
     * @return the instant, or empty for numbers, dates and missing values
     */
    public Optional<Instant> instant() {
        if (kind != Kind.INSTANT || !isPresent()) {
            return Optional.empty();
        }
        long micros = Objects.requireNonNull(exact, "exact").longValueExact();   // of(Instant) always sets it
        return Optional.of(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                Math.floorMod(micros, 1_000_000L) * 1000L));
    }

    /**
     * Whether the value is a number (and not a date or an instant); missing values count as numbers.
     *
     * @return true unless {@link #date()} or {@link #instant()} is present
     */
    public boolean isNumber() {
        return kind == Kind.NUMBER;
    }

    /**
     * Whether there is a value.
     *
     * @return true if present
     */
    public boolean isPresent() {
        return reason == null;
    }

    /**
     * The value as a number: for a date its epoch day, for an instant its microseconds since the epoch.
     *
     * @return the number, NaN when there is no value
     */
    public double value() {
        return value;
    }

    /**
     * The value as an optional number: the concise way to a value that may be missing.
     *
     * <pre>{@code
     * double revenue = cell.value().asDouble().orElse(0);
     * }</pre>
     *
     * @return the number, or empty when there is no value ({@link #reason()} says why)
     */
    public OptionalDouble asDouble() {
        return isPresent() ? OptionalDouble.of(value) : OptionalDouble.empty();
    }

    /**
     * The exact decimal value, when the aggregation is exact.
     *
     * @return the exact value, or empty
     */
    public Optional<BigDecimal> exact() {
        return Optional.ofNullable(exact);
    }

    /**
     * Why there is no value.
     *
     * <pre>{@code
     * if (cell.value().reason().orElse(null) == NoValueReason.ZERO_DENOMINATOR) { ... }
     * }</pre>
     *
     * @return the reason, empty when the value is present
     */
    public Optional<NoValueReason> reason() {
        return Optional.ofNullable(reason);
    }

    /**
     * The explanation of a missing value.
     *
     * @return the sentence, empty when the value is present
     */
    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }

    /**
     * The value as text, in the number style of the class comment: plain decimal notation without exponent or
     * trailing zeros, an ISO date or instant, or empty.
     *
     * @return the text, or "" when there is no value
     */
    public String text() {
        if (!isPresent()) {
            return "";
        }
        switch (kind) {
            case DATE:
                return date().orElseThrow().toString();
            case INSTANT:
                return instant().orElseThrow().toString();
            default:
                return plain(exact != null ? exact : BigDecimal.valueOf(value));
        }
    }

    /** Plain notation without trailing zeros: 11382, 0.0000125, 1234.56. */
    private static String plain(BigDecimal d) {
        BigDecimal stripped = d.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0).toPlainString() : stripped.toPlainString();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof KpiValue v && Double.compare(v.value, value) == 0 && Objects.equals(v.exact, exact)
                && v.reason == reason && Objects.equals(v.detail, detail) && v.kind == kind;
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, exact, reason, detail, kind);
    }

    @Override
    public String toString() {
        return isPresent() ? text() : "no value (" + reason + ": " + detail + ")";
    }
}
