/**
 * Engine internals, not API: the plan, primitive group tables, accumulators, vectorized filters, the result
 * assembler and the state codec. No compatibility promise.
 */
package io.kpiengine.core.internal;
