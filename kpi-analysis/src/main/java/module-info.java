/**
 * Statistics on time series and samples: lead/lag, trend, seasonality, smoothing and forecasting, control charts,
 * multiple-testing adjustments. Knows nothing of catalogs or KPIs.
 */
module io.kpiengine.analysis {
    requires transitive io.kpiengine.base;
    requires hipparchus.core;
    requires hipparchus.stat;

    exports io.kpiengine.analysis;
}
