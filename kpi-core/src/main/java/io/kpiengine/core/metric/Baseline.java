package io.kpiengine.core.metric;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * How the baseline of a KPI is determined: the reference level against which progress is judged. The tracker
 * ({@code io.kpiengine.core.track.Tracker}) computes it for every period and segment from the result history; each
 * computed value carries its method and window, or no value with the reason (history too short).
 *
 * <pre>{@code
 * Baseline.trailingMean(12);                        // mean of the 12 complete periods before
 * Baseline.trailingMedian(12).withMinPeriods(6);    // median; no value with fewer than 6 of them
 * Baseline.samePeriodLastYear();                    // the same month (week, day) one year earlier
 * Baseline.samePeriodAverage(3);                    // its average over the last 3 years
 * Baseline.seasonallyAdjusted(3, Baseline.SeasonalModel.MULTIPLICATIVE);   // trend level x seasonal index
 * Baseline.fixed(new BigDecimal("2.4"), LocalDate.of(2025, 1, 1));         // a value from an effective date
 * Baseline.trailing(12);                            // mean of the trailing 12 months (month grain)
 * }</pre>
 *
 * <p>Windows count periods of the grain the KPI is tracked at, except {@link #trailing(int)}, whose window is
 * given in months (as the document field {@code months}) and so applies at month grain only. The exact
 * definitions are in {@code docs/tracking.md}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Baseline {

    /** The smallest trailing window in months of {@link #trailing(int)}. */
    public static final int MIN_TRAILING_MONTHS = 6;
    /** The largest trailing window in months of {@link #trailing(int)}. */
    public static final int MAX_TRAILING_MONTHS = 12;
    /** The largest trailing window in periods of {@link #trailingMean(int)} and {@link #trailingMedian(int)}. */
    public static final int MAX_TRAILING_PERIODS = 1_000;
    /** The fewest years of history for a seasonal baseline: two full seasonal cycles. */
    public static final int MIN_SEASONAL_YEARS = 2;
    /** The most years of history for a seasonal baseline, and of a same-period average. */
    public static final int MAX_SEASONAL_YEARS = 10;
    /** The longest seasonal period that may be set explicitly (a year of days). */
    public static final int MAX_SEASONAL_PERIOD = 366;

    /** How a baseline is determined. */
    public enum Method {
        /** The mean of the KPI over the trailing complete periods before the current one. */
        TRAILING,
        /** The median of the KPI over the trailing complete periods before the current one. */
        TRAILING_MEDIAN,
        /** The value of the same period one year earlier. */
        SAME_PERIOD_LAST_YEAR,
        /** The mean of the same period over the last K years. */
        SAME_PERIOD_AVERAGE,
        /** Trend level times (or plus) the seasonal index of the period, by classical decomposition of the history. */
        SEASONALLY_ADJUSTED,
        /** A fixed value from an effective date, e.g. from before the data was collected here. */
        FIXED;

        /**
         * The method's name in documents: lower case with hyphens, e.g. {@code trailing-median}.
         *
         * @return the identifier
         */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** How the seasonal component combines with the trend in a seasonally adjusted baseline. */
    public enum SeasonalModel {
        /** value = trend + seasonal + residual; seasonal indices sum to 0 over a cycle. */
        ADDITIVE,
        /** value = trend x seasonal x residual; seasonal indices average 1 over a cycle. */
        MULTIPLICATIVE
    }

    private final Method method;
    private final int length;
    private final boolean months;
    private final int minPeriods;
    private final @Nullable SeasonalModel model;
    private final int seasonalPeriod;
    private final @Nullable BigDecimal value;
    private final @Nullable LocalDate asOf;

    private Baseline(Method method, int length, boolean months, int minPeriods, @Nullable SeasonalModel model,
            int seasonalPeriod, @Nullable BigDecimal value, @Nullable LocalDate asOf) {
        this.method = method;
        this.length = length;
        this.months = months;
        this.minPeriods = minPeriods;
        this.model = model;
        this.seasonalPeriod = seasonalPeriod;
        this.value = value;
        this.asOf = asOf;
    }

    private static Baseline of(Method method, int length) {
        return new Baseline(method, length, false, 0, null, 0, null, null);
    }

    /**
     * A baseline that is the mean of the trailing months: at month grain the mean of the {@code months} complete
     * periods before the current one (the document form {@code {method: trailing, months: 12}}).
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
        return new Baseline(Method.TRAILING, months, true, 0, null, 0, null, null);
    }

    /**
     * A baseline that is the mean of the complete periods before the current one.
     *
     * <pre>{@code
     * Baseline b = Baseline.trailingMean(28).withMinPeriods(21);   // 4 weeks of days, at least 3 weeks of them
     * }</pre>
     *
     * @param periods the window, 1 to {@value #MAX_TRAILING_PERIODS} periods of the tracked grain
     * @return the baseline; by default every period of the window must have a value
     * @throws IllegalArgumentException if periods is out of range
     */
    public static Baseline trailingMean(int periods) {
        return of(Method.TRAILING, window(periods));
    }

    /**
     * A baseline that is the median of the complete periods before the current one (for an even count, the mean
     * of the two middle values).
     *
     * @param periods the window, 1 to {@value #MAX_TRAILING_PERIODS} periods of the tracked grain
     * @return the baseline; by default every period of the window must have a value
     * @throws IllegalArgumentException if periods is out of range
     */
    public static Baseline trailingMedian(int periods) {
        return of(Method.TRAILING_MEDIAN, window(periods));
    }

    private static int window(int periods) {
        if (periods < 1 || periods > MAX_TRAILING_PERIODS) {
            throw new IllegalArgumentException("trailing baseline periods must be between 1 and "
                    + MAX_TRAILING_PERIODS + ", but was " + periods);
        }
        return periods;
    }

    /**
     * A baseline that is the value of the same period one year earlier (same month, quarter or fiscal period; a
     * day moves to the same date, a week to the same ISO week number).
     *
     * @return the baseline
     */
    public static Baseline samePeriodLastYear() {
        return of(Method.SAME_PERIOD_LAST_YEAR, 1);
    }

    /**
     * A baseline that is the mean of the same period over the last {@code years} years.
     *
     * @param years 1 to {@value #MAX_SEASONAL_YEARS}
     * @return the baseline; by default every one of those years must have a value
     * @throws IllegalArgumentException if years is out of range
     */
    public static Baseline samePeriodAverage(int years) {
        if (years < 1 || years > MAX_SEASONAL_YEARS) {
            throw new IllegalArgumentException("same-period average years must be between 1 and "
                    + MAX_SEASONAL_YEARS + ", but was " + years);
        }
        return of(Method.SAME_PERIOD_AVERAGE, years);
    }

    /**
     * An additive seasonally adjusted baseline.
     *
     * @param years the history used to learn the seasonal profile, 2 to 10 years
     * @return the baseline
     * @throws IllegalArgumentException if years is outside 2..10
     * @see #seasonallyAdjusted(int, SeasonalModel)
     */
    public static Baseline seasonallyAdjusted(int years) {
        return seasonallyAdjusted(years, SeasonalModel.ADDITIVE);
    }

    /**
     * A seasonally adjusted baseline: the last {@code years} cycles of history before the period are decomposed
     * by classical decomposition (as statsmodels' {@code seasonal_decompose}), and the baseline is the trend
     * extrapolated to the period combined with the period's seasonal index. The seasonal period follows the
     * grain (12 for months, 52 for weeks, 7 for days, 4 for quarters) unless set by
     * {@link #withSeasonalPeriod(int)}. Fewer than two full cycles of history give no value, with the reason.
     *
     * @param years the history used, 2 to 10 cycles
     * @param model additive or multiplicative
     * @return the baseline
     * @throws NullPointerException if model is null
     * @throws IllegalArgumentException if years is outside 2..10
     */
    public static Baseline seasonallyAdjusted(int years, SeasonalModel model) {
        Objects.requireNonNull(model, "model");
        if (years < MIN_SEASONAL_YEARS || years > MAX_SEASONAL_YEARS) {
            throw new IllegalArgumentException("seasonally adjusted baseline years must be between "
                    + MIN_SEASONAL_YEARS + " and " + MAX_SEASONAL_YEARS + ", but was " + years);
        }
        return new Baseline(Method.SEASONALLY_ADJUSTED, years, false, 0, model, 0, null, null);
    }

    /**
     * A fixed baseline value that applies to the periods starting on or after its effective date.
     *
     * @param value the value
     * @param asOf the effective date; earlier periods have no baseline
     * @return the baseline
     * @throws NullPointerException if an argument is null
     */
    public static Baseline fixed(BigDecimal value, LocalDate asOf) {
        return new Baseline(Method.FIXED, 0, false, 0, null, 0, Objects.requireNonNull(value, "value"),
                Objects.requireNonNull(asOf, "asOf"));
    }

    /**
     * This baseline with a minimum number of periods (trailing methods) or years (same-period average) that
     * must have a value; with fewer there is no baseline, with the reason.
     *
     * <pre>{@code
     * Baseline b = Baseline.trailingMean(12).withMinPeriods(6);
     * }</pre>
     *
     * @param count 1 to {@link #length()}
     * @return a new baseline
     * @throws IllegalStateException if the method takes no minimum (last year, seasonal, fixed)
     * @throws IllegalArgumentException if count is out of range
     */
    public Baseline withMinPeriods(int count) {
        if (method != Method.TRAILING && method != Method.TRAILING_MEDIAN && method != Method.SAME_PERIOD_AVERAGE) {
            throw new IllegalStateException("a minimum count applies to trailing and same-period-average baselines,"
                    + " but this baseline is " + method.id());
        }
        if (count < 1 || count > length) {
            throw new IllegalArgumentException("minimum count of a " + method.id() + " baseline must be between 1 and "
                    + length + ", but was " + count);
        }
        return new Baseline(method, length, months, count, model, seasonalPeriod, value, asOf);
    }

    /**
     * This seasonally adjusted baseline with an explicit seasonal period (the number of periods in a cycle).
     *
     * @param periods 2 to {@value #MAX_SEASONAL_PERIOD}
     * @return a new baseline
     * @throws IllegalStateException if the baseline is not seasonally adjusted
     * @throws IllegalArgumentException if periods is out of range
     */
    public Baseline withSeasonalPeriod(int periods) {
        if (method != Method.SEASONALLY_ADJUSTED) {
            throw new IllegalStateException("a seasonal period applies to seasonally-adjusted baselines, but this"
                    + " baseline is " + method.id());
        }
        if (periods < 2 || periods > MAX_SEASONAL_PERIOD) {
            throw new IllegalArgumentException("seasonal period must be between 2 and " + MAX_SEASONAL_PERIOD
                    + ", but was " + periods);
        }
        return new Baseline(method, length, months, minPeriods, model, periods, value, asOf);
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
     * The window: periods (or months, see {@link #inMonths()}) for the trailing methods, years for the
     * same-period average and seasonally adjusted methods, 1 for last year, 0 for FIXED.
     *
     * @return the length
     */
    public int length() {
        return length;
    }

    /**
     * Whether the trailing window is given in months ({@link #trailing(int)}) rather than in periods.
     *
     * @return true for {@code trailing(months)}
     */
    public boolean inMonths() {
        return months;
    }

    /**
     * How many periods (years for a same-period average) of the window must have a value: the one set with
     * {@link #withMinPeriods(int)}, else all of them; 0 for the other methods.
     *
     * @return the minimum count
     */
    public int minPeriods() {
        if (method != Method.TRAILING && method != Method.TRAILING_MEDIAN && method != Method.SAME_PERIOD_AVERAGE) {
            return 0;
        }
        return minPeriods == 0 ? length : minPeriods;
    }

    /**
     * The seasonal model of a seasonally adjusted baseline.
     *
     * @return the model, empty for other methods
     */
    public Optional<SeasonalModel> seasonalModel() {
        return Optional.ofNullable(model);
    }

    /**
     * The explicit seasonal period of a seasonally adjusted baseline.
     *
     * @return the period, empty when it follows the grain
     */
    public OptionalInt seasonalPeriod() {
        return seasonalPeriod == 0 ? OptionalInt.empty() : OptionalInt.of(seasonalPeriod);
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
     * The effective date of a FIXED baseline.
     *
     * @return the date, empty for other methods
     */
    public Optional<LocalDate> asOf() {
        return Optional.ofNullable(asOf);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Baseline b && b.method == method && b.length == length && b.months == months
                && b.minPeriods() == minPeriods() && b.model == model && b.seasonalPeriod == seasonalPeriod
                && (value == null ? b.value == null : b.value != null && b.value.compareTo(value) == 0)
                && Objects.equals(b.asOf, asOf);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, length, months, minPeriods(), model, seasonalPeriod,
                value == null ? null : value.stripTrailingZeros(), asOf);
    }

    @Override
    public String toString() {
        String min = minPeriods != 0 && minPeriods != length ? " (at least " + minPeriods + ")" : "";
        switch (method) {
            case TRAILING:
                return months ? "trailing " + length + " months" : "trailing mean of " + length + " periods" + min;
            case TRAILING_MEDIAN:
                return "trailing median of " + length + " periods" + min;
            case SAME_PERIOD_LAST_YEAR:
                return "same period last year";
            case SAME_PERIOD_AVERAGE:
                return "same period averaged over " + length + " years" + min;
            case SEASONALLY_ADJUSTED:
                return (model == SeasonalModel.ADDITIVE ? "" : "multiplicative ") + "seasonally adjusted over " + length
                        + " years" + (seasonalPeriod == 0 ? "" : " (period " + seasonalPeriod + ")");
            default:
                return String.valueOf(value) + " as of " + asOf;
        }
    }
}
