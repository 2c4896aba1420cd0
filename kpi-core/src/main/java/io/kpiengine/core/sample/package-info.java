/**
 * Sample catalogs bundled with the library: {@link io.kpiengine.core.sample.SampleCatalogs#referenceJob()} is the
 * catalog of the reference batch job over the {@code SampleEvents} workload of kpi-quality.
 */
package io.kpiengine.core.sample;
