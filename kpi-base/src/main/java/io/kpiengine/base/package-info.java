/**
 * What every KPI Engine module shares: {@link io.kpiengine.base.KpiException}, the root of the library's
 * unchecked exceptions.
 */
package io.kpiengine.base;
