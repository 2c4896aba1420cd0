package io.kpiengine.core;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * The value of one KPI cell: a finite number, exact as a decimal where the aggregation is exact (counts,
 * distinct counts, sums/min/max of integers and scaled decimals), or no value with a reason.
 *
 * <pre>{@code
 * KpiValue v = KpiValue.of(12.5);
 * double d = v.value();                          // 12.5
 * KpiValue none = KpiValue.none(NoValueReason.NO_ROWS, "no rows");
 * String why = none.detail().orElse("");         // "no rows"
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class KpiValue {

    private final double value;
    private final @Nullable BigDecimal exact;
    private final @Nullable NoValueReason reason;
    private final @Nullable String detail;

    private KpiValue(double value, @Nullable BigDecimal exact, @Nullable NoValueReason reason,
            @Nullable String detail) {
        this.value = value;
        this.exact = exact;
        this.reason = reason;
        this.detail = detail;
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
        return new KpiValue(value == 0 ? 0.0 : value, null, null, null);
    }

    /**
     * A present value known exactly as a decimal.
     *
     * @param exact the exact value
     * @return the value; {@link #value()} is the nearest double
     */
    public static KpiValue of(BigDecimal exact) {
        Objects.requireNonNull(exact, "exact");
        return new KpiValue(exact.doubleValue() == 0 ? 0.0 : exact.doubleValue(), exact, null, null);
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
                Objects.requireNonNull(detail, "detail"));
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
     * The value.
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
     * The value as text: the exact decimal in plain notation, the shortest double text, or empty.
     *
     * @return the text, or "" when there is no value
     */
    public String text() {
        if (!isPresent()) {
            return "";
        }
        if (exact != null) {
            return exact.stripTrailingZeros().scale() < 0 ? exact.setScale(0).toPlainString()
                    : exact.stripTrailingZeros().toPlainString();
        }
        return Double.toString(value);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof KpiValue v && Double.compare(v.value, value) == 0 && Objects.equals(v.exact, exact)
                && v.reason == reason && Objects.equals(v.detail, detail);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, exact, reason, detail);
    }

    @Override
    public String toString() {
        return isPresent() ? text() : "no value (" + reason + ": " + detail + ")";
    }
}
