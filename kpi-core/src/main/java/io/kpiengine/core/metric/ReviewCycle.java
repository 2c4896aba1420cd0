package io.kpiengine.core.metric;

/** How often the owner reviews a KPI and its target. */
public enum ReviewCycle {
    /** Every day. */
    DAILY,
    /** Every week. */
    WEEKLY,
    /** Every month. */
    MONTHLY,
    /** Every quarter. */
    QUARTERLY,
    /** Every year. */
    YEARLY
}
