/**
 * The mergeable, serializable aggregation state behind KPI results ({@link io.kpiengine.core.agg.AggregationState}):
 * computed per partition, merged, saved and resumed.
 */
package io.kpiengine.core.agg;
