/**
 * Readers that turn external records into columnar {@link io.kpiengine.data.RecordBatch}es:
 * {@link io.kpiengine.data.io.CsvSource} (streaming, byte-level, splittable for parallel reading),
 * {@link io.kpiengine.data.io.JdbcSource} (any JDBC driver) and {@link io.kpiengine.data.io.MemorySource}
 * (rows or batches in memory).
 *
 * <p>{@link io.kpiengine.data.io.ColumnFormat} says how the text of a column becomes a value (date patterns,
 * separators, boolean words, null tokens). Records that cannot be read become
 * {@link io.kpiengine.data.RejectedRow}s of their batch, never exceptions and never lost rows; an
 * {@link io.kpiengine.data.io.ErrorBudget} stops a run with
 * {@link io.kpiengine.data.io.ErrorBudgetExceededException} when too many fail, and
 * {@link io.kpiengine.data.io.SourceException} reports a source that cannot be read at all.
 */
@NullMarked
package io.kpiengine.data.io;

import org.jspecify.annotations.NullMarked;
