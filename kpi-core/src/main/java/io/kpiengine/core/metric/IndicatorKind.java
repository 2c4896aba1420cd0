package io.kpiengine.core.metric;

/** Whether a KPI predicts outcomes or reports them. */
public enum IndicatorKind {
    /** Moves before the outcome and can be influenced now (visits, demos booked). */
    LEADING,
    /** Reports an outcome after the fact (revenue, churn); should link the leading indicators that drive it. */
    LAGGING
}
