/**
 * Readers that turn external records into columnar {@link io.kpiengine.quality.RecordBatch}es:
 * {@link io.kpiengine.quality.io.CsvSource} (streaming, byte-level, splittable for parallel reading),
 * {@link io.kpiengine.quality.io.JdbcSource} (any JDBC driver) and {@link io.kpiengine.quality.io.MemorySource}
 * (rows or batches in memory).
 *
 * <p>{@link io.kpiengine.quality.io.ColumnFormat} says how the text of a column becomes a value (date patterns,
 * separators, boolean words, null tokens). Records that cannot be read become
 * {@link io.kpiengine.quality.RejectedRow}s of their batch, never exceptions and never lost rows; an
 * {@link io.kpiengine.quality.io.ErrorBudget} stops a run with
 * {@link io.kpiengine.quality.io.ErrorBudgetExceededException} when too many fail, and
 * {@link io.kpiengine.quality.io.SourceException} reports a source that cannot be read at all.
 */
package io.kpiengine.quality.io;
