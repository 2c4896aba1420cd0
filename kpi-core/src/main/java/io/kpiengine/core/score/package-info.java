/**
 * Composite scores and goal trees: KPIs normalised to a common scale, aggregated with weights up a tree of
 * objectives and key results, explained down to each KPI's points, ranked, audited for robustness and turned into
 * incentive payouts.
 *
 * <p>The entry points: a {@link io.kpiengine.core.score.GoalTree} (built in code or read from the {@code scores}
 * section of a catalog document), a {@link io.kpiengine.core.score.ScoreCard} that scores a dense entity × KPI
 * {@link io.kpiengine.core.score.KpiMatrix} or an engine's {@code KpiResults}, the resulting
 * {@link io.kpiengine.core.score.Scores}, and the {@link io.kpiengine.core.score.Robustness} audit. The methods and
 * their formulas follow the OECD/JRC <i>Handbook on Constructing Composite Indicators</i> (2008); every formula is
 * written in the Javadoc of the type that applies it and in {@code docs/scoring.md}.
 */
@NullMarked
package io.kpiengine.core.score;

import org.jspecify.annotations.NullMarked;
