/**
 * Statistics on time series and samples: lead/lag, trend, seasonality, smoothing and forecasting, control charts,
 * multiple-testing adjustments. Knows nothing of catalogs or KPIs.
 */
module io.kpiengine.analysis {
    requires transitive io.kpiengine.base;
    requires hipparchus.core;
    requires hipparchus.stat;
    // optional: read only by the allocation test (java.lang.management, com.sun.management); nothing in the
    // library uses it, and at run time it is read only where the JDK resolves it anyway
    requires static jdk.management;

    exports io.kpiengine.analysis;
}
