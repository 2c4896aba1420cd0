/**
 * Statistics on series and samples, equal to their statsmodels, scipy and pandas definitions: lead/lag (ccf,
 * Granger, lagged regression, scans), trend, seasonal decomposition and STL, smoothing and forecasting (Holt),
 * control charts, driver attribution, A/B tests and pilots, multiple-testing adjustments. Knows nothing of catalogs
 * or KPIs.
 */
module io.kpiengine.analysis {
    requires static transitive org.jspecify;
    requires transitive io.kpiengine.base;
    // Hipparchus 4.0.2 jars have no module descriptor or Automatic-Module-Name: the names derive from the jar names
    requires hipparchus.core;
    requires hipparchus.stat;

    exports io.kpiengine.analysis;
}
