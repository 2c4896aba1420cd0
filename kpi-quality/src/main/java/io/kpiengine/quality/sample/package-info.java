/**
 * Deterministic generators of sample data: {@link io.kpiengine.quality.sample.SampleEvents} writes the
 * reference "events" workload used by benchmarks, the demo and tests.
 */
package io.kpiengine.quality.sample;
