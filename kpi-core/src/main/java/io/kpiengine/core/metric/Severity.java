package io.kpiengine.core.metric;

/** How serious a {@link LintFinding} is; {@code kpi lint} exits with 1 when there is at least one ERROR. */
public enum Severity {
    /** A governance rule is broken: fix before relying on the KPI. */
    ERROR,
    /** A KPI lacks something it should have. */
    WARNING,
    /** A hint that would make the catalog clearer. */
    INFO
}
