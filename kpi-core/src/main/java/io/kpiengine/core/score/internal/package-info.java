/**
 * Scoring internals, not API: the compiled tree, the column kernels (normalisation, aggregation, contributions),
 * ranks, random draws and the reader of the {@code scores} section of catalog documents. No compatibility promise.
 */
package io.kpiengine.core.score.internal;
