package io.kpiengine.core.metric;

/** Which way a KPI should move; a {@link #TARGET_BAND} KPI is good inside its {@link TargetBand}. */
public enum Direction {
    /** Larger values are better (revenue, conversion rate). */
    HIGHER_IS_BETTER,
    /** Smaller values are better (churn, response time). */
    LOWER_IS_BETTER,
    /** Values inside a band are good, outside on either side bad (inventory level). */
    TARGET_BAND
}
