package io.kpiengine.core.score;

import io.kpiengine.core.score.internal.Draws;
import io.kpiengine.core.score.internal.Kernel;
import io.kpiengine.core.score.internal.LeafStats;
import io.kpiengine.core.score.internal.Parallel;
import io.kpiengine.core.score.internal.Ranks;
import io.kpiengine.core.score.internal.TreePlan;
import io.kpiengine.core.score.internal.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The robustness audit of a composite score (OECD/JRC Handbook, 2008, section 7; Saisana, Saltelli and Tarantola,
 * "Uncertainty and sensitivity analysis techniques as tools for the quality assessment of composite indicators",
 * JRSS A 168, 2005): Monte Carlo over the weights and over the choice of normalisation and aggregation, giving every
 * entity an interval of scores and of ranks, a summary of rank stability, and the first-order sensitivity of each
 * entity's score to each uncertain input.
 *
 * <pre>{@code
 * RobustnessReport r = Robustness.builder(card)
 *         .draws(1_000).seed(42)
 *         .weightJitter(0.2)                                      // each weight ±20%, uniform
 *         .normalizations(Normalization.zScore(), Normalization.rank())
 *         .aggregators(Aggregator.geometric(Aggregator.NonPositive.FLOOR, 1))
 *         .parallelism(2)
 *         .build()
 *         .run(matrix);
 * r.rank("alice");            // Uncertainty[median=2.0, p5=1.0, p95=4.0]
 * }</pre>
 *
 * <p><b>One draw.</b> The draw picks uniformly one normalisation for every leaf among the tree's own (each leaf's
 * as declared) and the alternatives, one aggregator for every inner node among the tree's own and the
 * alternatives, and new weights for the children of every node: with {@link Builder#weightJitter(double)} x,
 * {@code w_i (1 + x U_i)}, {@code U_i} uniform on [-1, 1], divided by their sum; with
 * {@link Builder#dirichlet(double)} α, a Dirichlet draw with parameters {@code α w_i} (mean {@code w_i}, variance
 * {@code w_i (1 - w_i) / (α + 1)}), by normalised gamma variates. Then it scores the node (default the root) for
 * every entity and ranks the entities.
 *
 * <p><b>Summaries.</b> Per entity, the median and the 5th and 95th percentiles of its scores and ranks over the
 * draws where it has a score (numpy's linear quantile). The mean absolute rank shift (Saisana et al.'s
 * {@code R_S}): the mean over draws and entities of {@code |rank in the draw - nominal rank|}. The first-order
 * sensitivity index of an entity's score to an input {@code X}, {@code S = Var(E[Y | X]) / Var(Y)}, estimated from
 * the same draws by binning ("given data", Plischke 2010): the draws sorted by X are cut into
 * {@code M = floor(sqrt(N))} bins of equal count (one bin per choice for the categorical inputs), and
 * {@code S ≈ Σ_b (n_b / N)(ȳ_b - ȳ)² / Var(Y)}. The inputs are the weight of each leaf among its siblings, the
 * normalisation choice and the aggregation choice (those that vary). With N draws the estimate carries a
 * positive bias of about {@code (M - 1) / N} for an input without influence.
 *
 * <p><b>Reproducible.</b> Each draw has its own generator seeded from the seed and the draw's number, and the
 * threads take fixed ranges of draws, so the report is the same for any number of threads. Memory: 12 bytes per
 * entity and draw, at most {@value #MAX_CELLS} draws times entities.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Robustness {

    /** The largest number of draws times entities of one audit. */
    public static final long MAX_CELLS = 50_000_000L;

    private final ScoreCard card;
    private final int draws;
    private final long seed;
    private final double jitter;
    private final double concentration;
    private final List<Normalization> normalizations;
    private final List<Aggregator> aggregators;
    private final String node;
    private final int parallelism;

    private Robustness(Builder b) {
        this.card = b.card;
        this.draws = b.draws == null ? 1_000 : b.draws;
        this.seed = b.seed == null ? 1 : b.seed;
        this.jitter = b.jitter == null ? Double.NaN : b.jitter;
        this.concentration = b.concentration == null ? Double.NaN : b.concentration;
        this.normalizations = b.normalizations == null ? List.of() : b.normalizations;
        this.aggregators = b.aggregators == null ? List.of() : b.aggregators;
        this.node = b.node == null ? card.tree().id() : b.node;
        this.parallelism = b.parallelism == null ? card.parallelism() : b.parallelism;
    }

    /**
     * A builder for an audit of a score card.
     *
     * @param card the card whose tree, weights and methods are the nominal choice
     * @return a new builder
     * @throws NullPointerException if card is null
     */
    public static Builder builder(ScoreCard card) {
        return new Builder(Objects.requireNonNull(card, "card"));
    }

    /**
     * Runs the audit on one period.
     *
     * @param matrix the raw KPI values
     * @return the report
     * @throws NullPointerException if matrix is null
     * @throws IllegalArgumentException if the matrix lacks a KPI of the tree, or draws times entities exceeds
     *     {@value #MAX_CELLS}
     */
    public RobustnessReport run(KpiMatrix matrix) {
        Objects.requireNonNull(matrix, "matrix");
        int n = matrix.size();
        if ((long) draws * n > MAX_CELLS) {
            throw new IllegalArgumentException("draws x entities must be at most " + MAX_CELLS + ", but was " + draws
                    + " x " + n);
        }
        TreePlan plan = card.plan();
        int target = plan.indexOf(node);
        Scores nominal = card.score(matrix);
        // the leaves' points under each normalisation choice, computed once
        List<double[][]> leafValues = new ArrayList<>();
        leafValues.add(leaves(plan, nominal.workspace()));
        for (Normalization alt : normalizations) {
            TreePlan p = new TreePlan(plan, alt);
            double[][] raw = card.raw(matrix);
            double[][] own = card.own(matrix);
            LeafStats[] stats = new LeafStats[plan.size];
            for (int i = 0; i < plan.size; i++) {
                if (plan.leaf[i]) {
                    stats[i] = LeafStats.of(p, i, raw[i]);
                }
            }
            Workspace ws = new Workspace(p, n);
            Kernel.scoreAll(p, p.weight, card.aggregators(), raw, own, stats, ws, parallelism, true, false);
            leafValues.add(leaves(p, ws));
        }
        List<Aggregator[]> aggregatorChoices = new ArrayList<>();
        aggregatorChoices.add(card.aggregators());
        for (Aggregator a : aggregators) {
            Aggregator[] all = new Aggregator[plan.size];
            for (int i = 0; i < plan.size; i++) {
                all[i] = plan.leaf[i] ? null : a;
            }
            aggregatorChoices.add(all);
        }
        // the terms of the geometric and harmonic means over leaves, per normalisation and aggregation choice
        double[][][][] transformed = new double[leafValues.size()][aggregatorChoices.size()][][];
        for (int nc = 0; nc < leafValues.size(); nc++) {
            for (int ac = 0; ac < aggregatorChoices.size(); ac++) {
                transformed[nc][ac] = terms(plan, leafValues.get(nc), aggregatorChoices.get(ac));
            }
        }
        double[][] scores = new double[draws][];
        int[][] ranks = new int[draws][];
        double[][] factorValues = new double[plan.size + 2][draws];
        Parallel.ranges(draws, parallelism, (lo, hi) -> {
            Workspace ws = new Workspace(plan, n);
            double[] weight = new double[plan.size];
            for (int d = lo; d < hi; d++) {
                SplittableRandom r = Draws.forDraw(seed, d);
                int normChoice = leafValues.size() == 1 ? 0 : r.nextInt(leafValues.size());
                int aggChoice = aggregatorChoices.size() == 1 ? 0 : r.nextInt(aggregatorChoices.size());
                drawWeights(plan, r, weight);
                double[][] leaves = leafValues.get(normChoice);
                ws.transformed = transformed[normChoice][aggChoice];
                for (int i = 0; i < plan.size; i++) {
                    if (plan.leaf[i]) {
                        ws.value[i] = leaves[i];
                        factorValues[i][d] = weight[i];
                    }
                }
                factorValues[plan.size][d] = normChoice;
                factorValues[plan.size + 1][d] = aggChoice;
                Kernel.scoreAll(plan, weight, aggregatorChoices.get(aggChoice), null, null, null, ws, 1, false,
                        false);
                scores[d] = ws.value[target].clone();
                ranks[d] = Ranks.descendingMin(scores[d]);
            }
        });
        List<String> factors = new ArrayList<>();
        List<double[]> factorColumns = new ArrayList<>();
        List<Boolean> categorical = new ArrayList<>();
        boolean drawn = !Double.isNaN(jitter) || !Double.isNaN(concentration);
        for (GoalNode leaf : card.tree().leavesUnder(node)) {
            int i = plan.indexOf(leaf.id());
            int siblings = plan.childEnd[plan.parent[i]] - plan.childStart[plan.parent[i]];
            if (drawn && siblings > 1 && leaf.weight() > 0) {
                factors.add("weight:" + leaf.id());
                factorColumns.add(factorValues[i]);
                categorical.add(false);
            }
        }
        if (leafValues.size() > 1) {
            factors.add("normalization");
            factorColumns.add(factorValues[plan.size]);
            categorical.add(true);
        }
        if (aggregatorChoices.size() > 1) {
            factors.add("aggregation");
            factorColumns.add(factorValues[plan.size + 1]);
            categorical.add(true);
        }
        return new RobustnessReport(node, draws, seed, nominal, scores, ranks, factors, factorColumns, categorical);
    }

    /** Per leaf under a geometric or harmonic parent, the terms its mean sums (null for the others). */
    private static double[][] terms(TreePlan plan, double[][] leaves, Aggregator[] aggs) {
        double[][] out = new double[plan.size][];
        for (int i = 0; i < plan.size; i++) {
            Aggregator a = plan.leaf[i] ? aggs[plan.parent[i]] : null;
            if (a == null || (a.method() != Aggregator.Method.GEOMETRIC && a.method() != Aggregator.Method.HARMONIC)) {
                continue;
            }
            double shift = a.nonPositive() == Aggregator.NonPositive.SHIFT ? a.nonPositiveValue() : 0;
            double floor = a.nonPositive() == Aggregator.NonPositive.FLOOR ? a.nonPositiveValue() : 0;
            boolean geometric = a.method() == Aggregator.Method.GEOMETRIC;
            out[i] = new double[leaves[i].length];
            for (int e = 0; e < out[i].length; e++) {
                out[i][e] = Kernel.transform(leaves[i][e], shift, floor, geometric);
            }
        }
        return out;
    }

    private static double[][] leaves(TreePlan plan, Workspace ws) {
        double[][] out = new double[plan.size][];
        for (int i = 0; i < plan.size; i++) {
            if (plan.leaf[i]) {
                out[i] = ws.value[i];
            }
        }
        return out;
    }

    private void drawWeights(TreePlan plan, SplittableRandom r, double[] weight) {
        weight[0] = 1;
        for (int p = 0; p < plan.size; p++) {
            if (plan.leaf[p]) {
                continue;
            }
            double sum = 0;
            for (int k = plan.childStart[p]; k < plan.childEnd[p]; k++) {
                int c = plan.children[k];
                double w = plan.weight[c];
                double drawn;
                if (!Double.isNaN(jitter)) {
                    drawn = w * (1 + jitter * (2 * r.nextDouble() - 1));
                } else if (!Double.isNaN(concentration)) {
                    drawn = w > 0 ? Draws.gamma(r, concentration * w) : 0;
                } else {
                    drawn = w;
                }
                weight[c] = drawn;
                sum += drawn;
            }
            for (int k = plan.childStart[p]; k < plan.childEnd[p]; k++) {
                int c = plan.children[k];
                weight[c] = sum > 0 ? weight[c] / sum : plan.weight[c];
            }
        }
    }

    /**
     * Builds a {@link Robustness} audit. Not thread-safe; {@link #build()} leaves the builder reusable.
     */
    public static final class Builder {

        private final ScoreCard card;
        private Integer draws;
        private Long seed;
        private Double jitter;
        private Double concentration;
        private List<Normalization> normalizations;
        private List<Aggregator> aggregators;
        private String node;
        private Integer parallelism;

        @SuppressWarnings("NullAway.Init") // an option left unset stays null until build() or the query applies its default
        private Builder(ScoreCard card) {
            this.card = card;
        }

        /**
         * Sets the number of Monte Carlo draws (default 1,000).
         *
         * @param draws at least 10
         * @return this builder
         * @throws IllegalArgumentException if draws is below 10
         * @throws IllegalStateException if already set
         */
        public Builder draws(int draws) {
            if (draws < 10) {
                throw new IllegalArgumentException("draws must be >= 10, but was " + draws);
            }
            this.draws = Once.set(this.draws, draws, "draws");
            return this;
        }

        /**
         * Sets the seed (default 1); the same seed gives the same report.
         *
         * @param seed any number
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder seed(long seed) {
            this.seed = Once.set(this.seed, seed, "seed");
            return this;
        }

        /**
         * Draws every weight uniformly within ±fraction of its nominal value, then renormalises per node.
         *
         * <pre>{@code
         * builder.weightJitter(0.2);   // ±20%
         * }</pre>
         *
         * @param fraction 0 (inclusive) to 1 (exclusive)
         * @return this builder
         * @throws IllegalArgumentException if fraction is outside [0, 1)
         * @throws IllegalStateException if already set, or weights are drawn from a Dirichlet distribution
         */
        public Builder weightJitter(double fraction) {
            if (!(fraction >= 0 && fraction < 1)) {
                throw new IllegalArgumentException("weightJitter must be in [0, 1), but was " + fraction);
            }
            if (concentration != null) {
                throw new IllegalStateException("weights are already drawn from a Dirichlet distribution ("
                        + concentration + "); choose weightJitter or dirichlet");
            }
            this.jitter = Once.set(this.jitter, fraction, "weightJitter");
            return this;
        }

        /**
         * Draws every node's children's weights from a Dirichlet distribution around the nominal weights: the
         * larger the concentration, the closer the draws (variance {@code w (1 - w) / (α + 1)}).
         *
         * <pre>{@code
         * builder.dirichlet(50);
         * }</pre>
         *
         * @param concentration α, positive
         * @return this builder
         * @throws IllegalArgumentException if concentration is not positive and finite
         * @throws IllegalStateException if already set, or weights are jittered
         */
        public Builder dirichlet(double concentration) {
            if (!(concentration > 0) || !Double.isFinite(concentration)) {
                throw new IllegalArgumentException("dirichlet concentration must be positive, but was "
                        + concentration);
            }
            if (jitter != null) {
                throw new IllegalStateException("weights are already jittered (" + jitter + "); choose weightJitter"
                        + " or dirichlet");
            }
            this.concentration = Once.set(this.concentration, concentration, "dirichlet");
            return this;
        }

        /**
         * Adds normalisations that a draw may pick, for every leaf at once, instead of the tree's own.
         *
         * @param alternatives one or more normalisations
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder normalizations(Normalization... alternatives) {
            this.normalizations = Once.set(this.normalizations, List.of(alternatives), "normalizations");
            return this;
        }

        /**
         * Adds aggregators that a draw may pick, for every inner node at once, instead of the tree's own.
         *
         * @param alternatives one or more aggregators
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder aggregators(Aggregator... alternatives) {
            this.aggregators = Once.set(this.aggregators, List.of(alternatives), "aggregators");
            return this;
        }

        /**
         * Sets the node whose scores and ranks are audited (default the root).
         *
         * @param nodeId a node of the tree
         * @return this builder
         * @throws IllegalArgumentException if the tree has no such node (with the nearest ids)
         * @throws IllegalStateException if already set
         */
        public Builder node(String nodeId) {
            card.tree().node(nodeId);
            this.node = Once.set(this.node, nodeId, "node");
            return this;
        }

        /**
         * Sets the number of threads (default the card's).
         *
         * @param threads at least 1
         * @return this builder
         * @throws IllegalArgumentException if threads is below 1
         * @throws IllegalStateException if already set
         */
        public Builder parallelism(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("parallelism must be >= 1, but was " + threads);
            }
            this.parallelism = Once.set(this.parallelism, threads, "parallelism");
            return this;
        }

        /**
         * Builds the audit.
         *
         * @return the audit
         * @throws IllegalStateException if nothing is uncertain: no weight draws and no alternatives
         */
        public Robustness build() {
            if (jitter == null && concentration == null && normalizations == null && aggregators == null) {
                throw new IllegalStateException("an audit needs something uncertain: weightJitter, dirichlet,"
                        + " normalizations or aggregators");
            }
            return new Robustness(this);
        }
    }
}
