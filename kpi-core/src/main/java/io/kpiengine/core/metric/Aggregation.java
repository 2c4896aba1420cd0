package io.kpiengine.core.metric;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a {@link Measure} aggregates a column over the rows of one period and segment. Missing cells are skipped
 * by every aggregation, as in SQL ({@code COUNT} without a column counts rows).
 */
public enum Aggregation {
    /** The sum of the values. Exact for exact decimals (money) and integers. */
    SUM,
    /** The number of rows, or with a column the number of rows where it is not missing. */
    COUNT,
    /** The number of distinct non-missing values, exactly (no sketch). */
    COUNT_DISTINCT,
    /** The arithmetic mean: sum divided by count, merged as (sum, count) so that partitions merge exactly. */
    AVERAGE,
    /** The smallest value. */
    MIN,
    /** The largest value. */
    MAX,
    /** The median: the 0.5 percentile, see {@link #PERCENTILE}. */
    MEDIAN,
    /**
     * A continuous percentile {@code p} in 0..1 with linear interpolation between the closest ranks, as DuckDB's
     * {@code quantile_cont(x, p)} and numpy's default {@code percentile(method='linear')}: for n sorted values
     * {@code x[0..n-1]}, {@code h = (n - 1) * p} and the result is {@code x[floor(h)] + (h - floor(h)) *
     * (x[floor(h) + 1] - x[floor(h)])}.
     */
    PERCENTILE,
    /**
     * The value of the earliest row of the period by the source's time column (ties: the first row in source
     * order), for semi-additive balances such as opening inventory.
     */
    FIRST,
    /**
     * The value of the latest row of the period by the source's time column (ties: the last row in source
     * order), for semi-additive balances such as closing inventory.
     */
    LAST,
    /** {@code sum(value * weight) / sum(weight)} over rows where both are present. */
    WEIGHTED_AVERAGE,
    /**
     * The sample variance {@code sum((x - mean)^2) / (n - 1)}, as pandas {@code var()} (ddof=1) and SQL
     * {@code var_samp}; no value for fewer than 2 values. Merged exactly in structure and stably in numbers: per
     * slot {@code (n, mean, M2)}, rows added by Welford's update and partitions merged by the parallel formula of
     * Chan, Golub and LeVeque (1979).
     */
    VARIANCE,
    /** The population variance {@code sum((x - mean)^2) / n}, as pandas {@code var(ddof=0)} and SQL {@code var_pop}. */
    VARIANCE_POP,
    /**
     * The sample standard deviation, the square root of {@link #VARIANCE}: pandas {@code std()} (ddof=1), SQL
     * {@code stddev_samp}.
     */
    STDDEV,
    /** The population standard deviation, the square root of {@link #VARIANCE_POP}: pandas {@code std(ddof=0)}. */
    STDDEV_POP,
    /**
     * The coefficient of variation, sample standard deviation divided by the mean ({@link #STDDEV} / mean), as
     * {@code scipy.stats.variation(x, ddof=1)}; no value when the mean is 0.
     */
    CV,
    /** The coefficient of variation with the population standard deviation, {@code scipy.stats.variation(x)}. */
    CV_POP;

    /**
     * The aggregation's name in documents: lower case with underscores, e.g. {@code count_distinct}.
     *
     * @return the identifier
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether the aggregation reads a value column ({@link #COUNT} may count rows without one).
     *
     * @return false only for COUNT
     */
    public boolean needsColumn() {
        return this != COUNT;
    }

    /**
     * Whether the value column must be numeric (INTEGER, DECIMAL or BOOLEAN). COUNT and COUNT_DISTINCT take any
     * column; MIN, MAX, FIRST and LAST also take DATE and TIMESTAMP columns ({@link #takesDates()}).
     *
     * @return true if only numeric columns are allowed
     */
    public boolean needsNumber() {
        return this != COUNT && this != COUNT_DISTINCT && !takesDates();
    }

    /**
     * Whether the aggregation also reads DATE and TIMESTAMP columns, whose result is then a date or an instant
     * ({@code KpiValue.date()}, {@code KpiValue.instant()}): MIN, MAX, FIRST and LAST.
     *
     * @return true for the order-based aggregations
     */
    public boolean takesDates() {
        return this == MIN || this == MAX || this == FIRST || this == LAST;
    }

    /**
     * Whether the aggregation is one of the spread statistics (variance, standard deviation, coefficient of
     * variation, sample or population).
     *
     * @return true for VARIANCE, VARIANCE_POP, STDDEV, STDDEV_POP, CV and CV_POP
     */
    public boolean isSpread() {
        return switch (this) {
            case VARIANCE, VARIANCE_POP, STDDEV, STDDEV_POP, CV, CV_POP -> true;
            default -> false;
        };
    }

    /**
     * What a period or segment without rows yields unless the metric says otherwise: 0 for SUM, COUNT and
     * COUNT_DISTINCT (nothing happened), no value for the others (an average of nothing is undefined).
     *
     * @return the default empty-input policy
     */
    public EmptyPolicy defaultOnEmpty() {
        return this == SUM || this == COUNT || this == COUNT_DISTINCT ? EmptyPolicy.ZERO : EmptyPolicy.NO_VALUE;
    }

    /**
     * The aggregation named by a text, case-insensitively, with {@code -} and spaces read as {@code _}.
     *
     * @param text e.g. {@code "count-distinct"}
     * @return the aggregation, or empty
     */
    public static Optional<Aggregation> find(String text) {
        String key = text.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (Aggregation a : values()) {
            if (a.name().equals(key)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /**
     * The identifiers of all aggregations.
     *
     * @return e.g. {@code [sum, count, count_distinct, ...]}
     */
    public static List<String> ids() {
        List<String> out = new ArrayList<>();
        for (Aggregation a : values()) {
            out.add(a.id());
        }
        return List.copyOf(out);
    }
}
