/**
 * The KPI model and engine: metric catalog and its documents, business calendars and periods, the mergeable
 * aggregation engine, {@code KpiEngine} and its results; tracking against baselines, targets and alerts; composite
 * scores over goal trees; and the analysis of results (lead/lag, trend, drivers, improvement points).
 */
module io.kpiengine.core {
    requires static transitive org.jspecify;
    requires transitive io.kpiengine.quality;
    // analysis types (Series, LeadLagAnalysis, DriverSplit, ...) appear in the signatures of core.analyze
    requires transitive io.kpiengine.analysis;
    requires com.fasterxml.jackson.core;
    requires org.slf4j;

    exports io.kpiengine.core;
    exports io.kpiengine.core.metric;
    exports io.kpiengine.core.score;
    exports io.kpiengine.core.time;
    exports io.kpiengine.core.analyze;
    exports io.kpiengine.core.track;
}
