package io.kpiengine.core.track;

import java.util.Locale;

/**
 * Where a KPI stands in one period and segment of a {@link Scorecard}: decided by the ordered {@link StatusRules}
 * (first match wins), or by one of the special statuses that come before any rule.
 *
 * <p>The special statuses, checked in this order before the rules: {@link #UNRELIABLE} (a source of the metric
 * failed its quality gate in the run), {@link #PARTIAL_PERIOD} (the period holds the as-of instant: its numbers
 * will still change), {@link #NO_DATA} (the cell has no value). Every row names the rule that decided its
 * status ({@link ScorecardRow#statusRule()}).
 */
public enum KpiStatus {
    /** The value meets the stretch target (the built-in rule {@code exceeded}). */
    EXCEEDED,
    /** The value meets the target. */
    ON_TRACK,
    /** The value misses the target by a little. */
    AT_RISK,
    /** The value misses the target by more than the at-risk margin. */
    OFF_TRACK,
    /** No rule matched, typically because the KPI has no target in this period. */
    NOT_RATED,
    /** The cell has no value (its reason is in the result). */
    NO_DATA,
    /** A data source of the metric failed its quality gate: the number is not to be judged. */
    UNRELIABLE,
    /** The period is not over yet: its numbers will still change. */
    PARTIAL_PERIOD;

    /**
     * The status as written in documents and outputs: lower case with hyphens, e.g. {@code off-track}.
     *
     * @return the identifier
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Whether a status rule may assign this status: the four judgements and NOT_RATED; the special statuses are
     * decided before the rules.
     *
     * @return true for EXCEEDED, ON_TRACK, AT_RISK, OFF_TRACK and NOT_RATED
     */
    public boolean isJudgement() {
        return compareTo(NOT_RATED) <= 0;
    }
}
