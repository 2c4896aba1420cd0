package io.kpiengine.core.time;

/**
 * Where a period stands relative to "now" (an injectable clock): a KPI of a partial period is not comparable
 * with a complete one.
 */
public enum PeriodStatus {
    /** The period ended at or before now. */
    COMPLETE,
    /** Now lies inside the period: the data behind it is incomplete. */
    PARTIAL,
    /** The period starts after now. */
    FUTURE
}
