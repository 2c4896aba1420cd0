/**
 * From merged aggregation state to result cells, not API. {@link io.kpiengine.core.internal.result.ResultAssembler}
 * runs the seams in order:
 * <ol>
 *   <li>{@link io.kpiengine.core.internal.result.DataExtent}: where each source's data starts and ends;</li>
 *   <li>{@link io.kpiengine.core.internal.result.RangePlan}: which periods are output, computed as cells, and
 *       indexed as state slots;</li>
 *   <li>{@link io.kpiengine.core.internal.result.SlotIndex}: the state slots behind each (dimension values,
 *       period), for any subset of a grouping's dimensions and any coarser grain;</li>
 *   <li>{@link io.kpiengine.core.internal.result.StateCells}: the value of a measure or ratio over a set of
 *       slots (one period, a window, a roll-up), with the empty and zero-denominator policies of
 *       {@link io.kpiengine.core.internal.result.CellPolicies};</li>
 *   <li>{@link io.kpiengine.core.internal.result.DerivedCells}: derived metrics over those cells (offset
 *       references, windows, formula evaluation and the explanation of a missing result).</li>
 * </ol>
 * No compatibility promise.
 */
package io.kpiengine.core.internal.result;
