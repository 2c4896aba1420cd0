/**
 * The record model: schemas, columns, columnar batches of primitive vectors with missing-value masks,
 * category dictionaries, record sources and rejected rows.
 *
 * <p>Nothing in this package is null unless annotated {@code @Nullable} (JSpecify {@code @NullMarked}).
 */
@NullMarked
package io.kpiengine.data;

import org.jspecify.annotations.NullMarked;
