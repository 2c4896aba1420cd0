package io.kpiengine.core.metric;

/** How central a KPI is. A metric without a tier is a building block (an input of KPIs), not a KPI itself. */
public enum Tier {
    /** One of the few KPIs a team steers by; lint warns above five per scope. */
    CORE,
    /** A KPI that explains or supports a core KPI. */
    SUPPORTING
}
