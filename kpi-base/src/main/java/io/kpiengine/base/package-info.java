/**
 * What every KPI Engine module shares: {@link io.kpiengine.base.KpiException}, the root of the library's
 * unchecked exceptions.
 */
@NullMarked
package io.kpiengine.base;

import org.jspecify.annotations.NullMarked;
