/**
 * Deterministic generators of sample data: {@link io.kpiengine.samples.SampleEvents} writes the
 * reference "events" workload used by benchmarks, the demo and tests.
 */
package io.kpiengine.samples;
