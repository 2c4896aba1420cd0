package io.kpiengine.core.metric;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How the baseline of a KPI is determined: the reference level against which progress is judged. This release
 * stores and validates the specification; computing the baseline comes later.
 *
 * <pre>{@code
 * Baseline.trailing(12);              // mean of the trailing 12 months
 * Baseline.seasonallyAdjusted(3);     // seasonal profile from 3 years of history
 * Baseline.fixed(new BigDecimal("2.4"), LocalDate.of(2024, 12, 31));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Baseline {

    /** The smallest trailing window, in months. */
    public static final int MIN_TRAILING_MONTHS = 6;
    /** The largest trailing window, in months. */
    public static final int MAX_TRAILING_MONTHS = 12;
    /** The fewest years of history for a seasonal baseline: two full seasonal cycles. */
    public static final int MIN_SEASONAL_YEARS = 2;
    /** The most years of history for a seasonal baseline. */
    public static final int MAX_SEASONAL_YEARS = 10;

    /** How a baseline is determined. */
    public enum Method {
        /** The mean of the KPI over the trailing 6 to 12 months. */
        TRAILING,
        /** The KPI's level after removing the seasonal profile learned from 2 to 10 years of history. */
        SEASONALLY_ADJUSTED,
        /** A fixed value as of a date, e.g. from before the data was collected here. */
        FIXED
    }

    private final Method method;
    private final int length;
    private final @Nullable BigDecimal value;
    private final @Nullable LocalDate asOf;

    private Baseline(Method method, int length, @Nullable BigDecimal value, @Nullable LocalDate asOf) {
        this.method = method;
        this.length = length;
        this.value = value;
        this.asOf = asOf;
    }

    /**
     * A baseline from the trailing months.
     *
     * @param months the window, 6 to 12 months
     * @return the baseline
     * @throws IllegalArgumentException if months is outside 6..12
     */
    public static Baseline trailing(int months) {
        if (months < MIN_TRAILING_MONTHS || months > MAX_TRAILING_MONTHS) {
            throw new IllegalArgumentException("trailing baseline months must be between " + MIN_TRAILING_MONTHS
                    + " and " + MAX_TRAILING_MONTHS + ", but was " + months);
        }
        return new Baseline(Method.TRAILING, months, null, null);
    }

    /**
     * A seasonally adjusted baseline.
     *
     * @param years the history used to learn the seasonal profile, 2 to 10 years
     * @return the baseline
     * @throws IllegalArgumentException if years is outside 2..10
     */
    public static Baseline seasonallyAdjusted(int years) {
        if (years < MIN_SEASONAL_YEARS || years > MAX_SEASONAL_YEARS) {
            throw new IllegalArgumentException("seasonally adjusted baseline years must be between "
                    + MIN_SEASONAL_YEARS + " and " + MAX_SEASONAL_YEARS + ", but was " + years);
        }
        return new Baseline(Method.SEASONALLY_ADJUSTED, years, null, null);
    }

    /**
     * A fixed baseline value.
     *
     * @param value the value
     * @param asOf the date the value describes
     * @return the baseline
     * @throws NullPointerException if an argument is null
     */
    public static Baseline fixed(BigDecimal value, LocalDate asOf) {
        return new Baseline(Method.FIXED, 0, Objects.requireNonNull(value, "value"),
                Objects.requireNonNull(asOf, "asOf"));
    }

    /**
     * The method.
     *
     * @return the method
     */
    public Method method() {
        return method;
    }

    /**
     * The window: months for TRAILING, years for SEASONALLY_ADJUSTED, 0 for FIXED.
     *
     * @return the length
     */
    public int length() {
        return length;
    }

    /**
     * The value of a FIXED baseline.
     *
     * @return the value, empty for other methods
     */
    public Optional<BigDecimal> value() {
        return Optional.ofNullable(value);
    }

    /**
     * The date of a FIXED baseline.
     *
     * @return the date, empty for other methods
     */
    public Optional<LocalDate> asOf() {
        return Optional.ofNullable(asOf);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Baseline b && b.method == method && b.length == length
                && (value == null ? b.value == null : b.value != null && b.value.compareTo(value) == 0)
                && Objects.equals(b.asOf, asOf);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, length, value == null ? null : value.stripTrailingZeros(), asOf);
    }

    @Override
    public String toString() {
        switch (method) {
            case TRAILING:
                return "trailing " + length + " months";
            case SEASONALLY_ADJUSTED:
                return "seasonally adjusted over " + length + " years";
            default:
                return String.valueOf(value) + " as of " + asOf;
        }
    }
}
