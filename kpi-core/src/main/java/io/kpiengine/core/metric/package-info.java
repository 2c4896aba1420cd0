/**
 * The metric model: {@link io.kpiengine.core.metric.Metric metrics} (measures, ratios, derived formulas), their
 * {@link io.kpiengine.core.metric.MetricMetadata metadata} and {@link io.kpiengine.core.metric.Unit units},
 * row {@link io.kpiengine.core.metric.Filter filters}, and the catalog that validates them together.
 */
@NullMarked
package io.kpiengine.core.metric;

import org.jspecify.annotations.NullMarked;
