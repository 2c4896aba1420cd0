package io.kpiengine.core.metric;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A target value for a KPI, optionally with the date by which it should be reached.
 *
 * <pre>{@code
 * Target t = Target.of(new BigDecimal("3.5")).by(LocalDate.of(2025, 12, 31));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Target {

    private final BigDecimal value;
    private final @Nullable LocalDate due;

    private Target(BigDecimal value, @Nullable LocalDate due) {
        this.value = value;
        this.due = due;
    }

    /**
     * A target without a due date.
     *
     * @param value the target value
     * @return the target
     * @throws NullPointerException if value is null
     */
    public static Target of(BigDecimal value) {
        return new Target(Objects.requireNonNull(value, "value"), null);
    }

    /**
     * A target without a due date, from a number: {@code Target.of(12)} is 12, {@code Target.of(0.035)} is 0.035
     * (the shortest decimal that reads back as the double).
     *
     * <pre>{@code
     * Target t = Target.of(12).by(LocalDate.of(2025, 12, 31));
     * }</pre>
     *
     * @param value the target value, finite
     * @return the target
     * @throws IllegalArgumentException if the value is NaN or infinite
     */
    public static Target of(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite, but was " + value);
        }
        BigDecimal exact = BigDecimal.valueOf(value).stripTrailingZeros();
        return new Target(exact.scale() < 0 ? exact.setScale(0) : exact, null);
    }

    /**
     * This target with a due date.
     *
     * @param date the date by which the value should be reached
     * @return a new target
     * @throws NullPointerException if date is null
     */
    public Target by(LocalDate date) {
        return new Target(value, Objects.requireNonNull(date, "date"));
    }

    /**
     * The target value.
     *
     * @return the value
     */
    public BigDecimal value() {
        return value;
    }

    /**
     * The date by which the value should be reached.
     *
     * @return the due date, if any
     */
    public Optional<LocalDate> due() {
        return Optional.ofNullable(due);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Target t && t.value.compareTo(value) == 0 && Objects.equals(t.due, due);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value.stripTrailingZeros(), due);
    }

    @Override
    public String toString() {
        return value.toPlainString() + (due == null ? "" : " by " + due);
    }
}
