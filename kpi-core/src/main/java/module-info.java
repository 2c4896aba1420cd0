/**
 * The KPI model and engine: metric catalog and its documents, business calendars and periods, the mergeable
 * aggregation engine, {@code KpiEngine} and its results.
 */
module io.kpiengine.core {
    requires static transitive org.jspecify;
    requires transitive io.kpiengine.quality;
    requires org.slf4j;

    exports io.kpiengine.core;
    exports io.kpiengine.core.metric;
    exports io.kpiengine.core.time;
}
