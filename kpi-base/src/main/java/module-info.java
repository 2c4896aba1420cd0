/**
 * KPI Engine's base: {@link io.kpiengine.base.KpiException}, the root of every exception the library throws for
 * bad input, and helpers the other modules share (not exported to users).
 */
module io.kpiengine.base {
    requires static transitive org.jspecify;
    exports io.kpiengine.base;
    exports io.kpiengine.base.internal
            to io.kpiengine.formula, io.kpiengine.data, io.kpiengine.quality, io.kpiengine.core, io.kpiengine.analysis,
            io.kpiengine.report;
}
