/**
 * The analysis of KPI results: the bridge from {@link io.kpiengine.core.KpiResults} to the statistics of
 * {@code io.kpiengine.analysis}, and what deserves attention in a table.
 *
 * <table>
 * <caption>Entry points, each also a method of {@code KpiResults}</caption>
 * <tr><th>question</th><th>{@code results.}</th><th>returns</th></tr>
 * <tr><td>does one metric move before another?</td><td>{@code leadLag(leading, lagging)...run()}</td>
 *     <td>{@link io.kpiengine.analysis.LeadLagAnalysis}</td></tr>
 * <tr><td>which of several metrics lead which?</td><td>{@code scan(metrics...)...run()}</td>
 *     <td>{@link io.kpiengine.analysis.LeadLagRanking}</td></tr>
 * <tr><td>is a metric trending, did its level shift?</td><td>{@code trend(metric)...run()}</td>
 *     <td>{@link io.kpiengine.core.analyze.TrendReport}</td></tr>
 * <tr><td>what part is seasonal?</td><td>{@code decompose(metric)...run()}</td>
 *     <td>{@link io.kpiengine.analysis.SeasonalComponents}</td></tr>
 * <tr><td>which driver moved it?</td><td>{@code attribute(metric).between(p1, p2)}</td>
 *     <td>{@link io.kpiengine.analysis.DriverSplit}</td></tr>
 * <tr><td>which segments moved it?</td><td>{@code segmentChanges(metric, p1, p2)}</td>
 *     <td>{@link io.kpiengine.core.analyze.SegmentBreakdown}</td></tr>
 * <tr><td>what deserves attention?</td><td>{@code improvementPoints()...run()}</td>
 *     <td>{@link io.kpiengine.core.analyze.ImprovementPoints}</td></tr>
 * </table>
 *
 * <pre>{@code
 * LeadLagAnalysis a = results.leadLag("signups", "revenue").segment(Map.of("channel", "email")).maxLag(12).run();
 * a.earlyWarning("week").map(EarlyWarning::sentence).ifPresent(System.out::println);
 * }</pre>
 *
 * <p>A {@link io.kpiengine.core.analyze.MetricSeries} is one metric in one segment over the table's complete periods,
 * a cell without a value being a missing point that keeps its reason; every series of one query lines up period by
 * period. Queries are mutable builders whose options can each be set once; their results are immutable.
 */
@NullMarked
package io.kpiengine.core.analyze;

import org.jspecify.annotations.NullMarked;
