/**
 * The {@code kpi} command: {@code clean}, {@code run}, {@code lint} and {@code demo}.
 *
 * <p>Nothing in this package is null unless annotated {@code @Nullable} (JSpecify {@code @NullMarked}).
 */
@NullMarked
package io.kpiengine.cli;

import org.jspecify.annotations.NullMarked;
