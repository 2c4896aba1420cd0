/**
 * Data-quality rules (duplicates, missing values, units, currencies, time zones, validity, outliers, freshness,
 * completeness), the cleaner and the quality report that accounts for every row.
 */
module io.kpiengine.quality {
    requires static transitive org.jspecify;
    requires transitive io.kpiengine.data;
    requires transitive io.kpiengine.formula;
    requires com.fasterxml.jackson.core;
    requires org.slf4j;

    exports io.kpiengine.quality;
    exports io.kpiengine.quality.internal to io.kpiengine.core, io.kpiengine.cli;
}
