/**
 * The KPI model and engine: metric catalog and its documents, business calendars and periods, the mergeable
 * aggregation engine, {@code KpiEngine} and its results, and composite scores over goal trees.
 */
module io.kpiengine.core {
    requires transitive io.kpiengine.quality;
    requires org.slf4j;

    exports io.kpiengine.core;
    exports io.kpiengine.core.metric;
    exports io.kpiengine.core.score;
    exports io.kpiengine.core.time;
}
