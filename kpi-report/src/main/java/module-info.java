/**
 * Reports of KPI results: one self-contained HTML dashboard per run (executive, manager and analyst views, charts
 * inlined, no network request), and the KPIs of a run as Micrometer gauges.
 */
module io.kpiengine.report {
    requires static transitive org.jspecify;
    requires transitive io.kpiengine.core;
    requires io.kpiengine.analysis;
    requires com.fasterxml.jackson.core;
    requires static micrometer.core;

    exports io.kpiengine.report;
    exports io.kpiengine.report.micrometer;
}
