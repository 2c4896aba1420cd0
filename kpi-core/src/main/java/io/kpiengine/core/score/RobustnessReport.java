package io.kpiengine.core.score;

import io.kpiengine.core.score.internal.Draws;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link Robustness} audit found: per entity the interval of its scores and ranks over the Monte Carlo
 * draws, the stability of the ranking, and the first-order sensitivity of the scores to each uncertain input.
 *
 * <pre>{@code
 * for (String e : report.entities()) {
 *     System.out.printf("%-8s score %s  rank %s%n", e, report.score(e), report.rank(e));
 * }
 * report.meanAbsoluteRankShift();       // 0.8: a draw moves an entity by 0.8 places on average
 * report.sensitivity();                 // {weight:revenue=0.41, weight:nps=0.12, normalization=0.30}
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class RobustnessReport {

    private final String node;
    private final int draws;
    private final long seed;
    private final List<String> entities;
    private final double[] nominalScore;
    private final int[] nominalRank;
    private final Uncertainty[] score;
    private final Uncertainty[] rank;
    private final List<String> factors;
    private final double[][] sensitivity;
    private final double rankShift;
    private final double leaderKept;

    RobustnessReport(String node, int draws, long seed, Scores nominal, double[][] scores, int[][] ranks,
            List<String> factors, List<double[]> factorValues, List<Boolean> categorical) {
        this.node = node;
        this.draws = draws;
        this.seed = seed;
        this.entities = nominal.entities();
        int n = entities.size();
        this.nominalScore = nominal.column(node);
        this.nominalRank = new int[n];
        for (int e = 0; e < n; e++) {
            nominalRank[e] = nominal.rank(node, entities.get(e));
        }
        // entity-major copies, so that every summary below reads one entity's draws contiguously
        double[][] byEntity = new double[n][draws];
        double[][] rankByEntity = new double[n][draws];
        for (int d = 0; d < draws; d++) {
            for (int e = 0; e < n; e++) {
                byEntity[e][d] = scores[d][e];
                rankByEntity[e][d] = ranks[d][e] > 0 ? ranks[d][e] : Double.NaN;
            }
        }
        this.score = new Uncertainty[n];
        this.rank = new Uncertainty[n];
        for (int e = 0; e < n; e++) {
            score[e] = Uncertainty.of(byEntity[e]);
            rank[e] = Uncertainty.of(rankByEntity[e]);
        }
        double shift = 0;
        long pairs = 0;
        int kept = 0;
        for (int d = 0; d < draws; d++) {
            boolean keeps = true;
            for (int e = 0; e < n; e++) {
                if (ranks[d][e] > 0 && nominalRank[e] > 0) {
                    shift += Math.abs(ranks[d][e] - nominalRank[e]);
                    pairs++;
                }
                if (nominalRank[e] == 1) {
                    keeps &= ranks[d][e] == 1;
                }
            }
            kept += keeps ? 1 : 0;
        }
        this.rankShift = pairs == 0 ? Double.NaN : shift / pairs;
        this.leaderKept = (double) kept / draws;
        this.factors = List.copyOf(factors);
        this.sensitivity = new double[n][factors.size()];
        for (int f = 0; f < factors.size(); f++) {
            int[] bin = bins(factorValues.get(f), categorical.get(f));
            for (int e = 0; e < n; e++) {
                sensitivity[e][f] = firstOrder(byEntity[e], bin);
            }
        }
    }

    /** The bin of each draw: equal-count bins of the draws sorted by the input, or one bin per category. */
    private static int[] bins(double[] x, boolean categorical) {
        int draws = x.length;
        int[] bin = new int[draws];
        if (categorical) {
            for (int d = 0; d < draws; d++) {
                bin[d] = (int) x[d];
            }
            return bin;
        }
        Integer[] order = new Integer[draws];
        for (int d = 0; d < draws; d++) {
            order[d] = d;
        }
        Arrays.sort(order, (a, b) -> Double.compare(x[a], x[b]));
        if (x[order[0]] == x[order[draws - 1]]) {
            return bin;
        }
        int m = Math.max(2, (int) Math.floor(Math.sqrt(draws)));
        for (int k = 0; k < draws; k++) {
            bin[order[k]] = (int) ((long) k * m / draws);
        }
        return bin;
    }

    /** {@code Σ_b (n_b / N)(ȳ_b - ȳ)² / Var(Y)} over the draws where the entity has a score. */
    private static double firstOrder(double[] y, int[] bin) {
        int bins = 0;
        for (int b : bin) {
            bins = Math.max(bins, b + 1);
        }
        if (bins < 2) {
            return 0;
        }
        double[] sum = new double[bins];
        int[] count = new int[bins];
        double total = 0;
        int n = 0;
        for (int d = 0; d < y.length; d++) {
            double v = y[d];
            if (!Double.isNaN(v)) {
                sum[bin[d]] += v;
                count[bin[d]]++;
                total += v;
                n++;
            }
        }
        if (n < 2) {
            return Double.NaN;
        }
        double mean = total / n;
        double var = 0;
        for (double v : y) {
            if (!Double.isNaN(v)) {
                var += (v - mean) * (v - mean);
            }
        }
        if (!(var > 1e-24 * Math.max(1, mean * mean) * n)) {
            return 0;
        }
        double between = 0;
        for (int b = 0; b < bins; b++) {
            if (count[b] > 0) {
                double d = sum[b] / count[b] - mean;
                between += count[b] * d * d;
            }
        }
        return Math.min(1, between / var);
    }

    /**
     * The audited node.
     *
     * @return the node id
     */
    public String node() {
        return node;
    }

    /**
     * The number of draws.
     *
     * @return the draws
     */
    public int draws() {
        return draws;
    }

    /**
     * The seed.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /**
     * The entities, in the matrix's order.
     *
     * @return an immutable list
     */
    public List<String> entities() {
        return entities;
    }

    private int index(String entity) {
        int i = entities.indexOf(Objects.requireNonNull(entity, "entity"));
        if (i < 0) {
            throw new IllegalArgumentException("entity must be one of the audited entities, but was '" + entity
                    + "'" + io.kpiengine.base.internal.Suggestions.didYouMean(entity, entities));
        }
        return i;
    }

    /**
     * An entity's score with the nominal weights and methods.
     *
     * @param entity the entity
     * @return the score, NaN when none
     * @throws IllegalArgumentException if there is no such entity
     */
    public double nominalScore(String entity) {
        return nominalScore[index(entity)];
    }

    /**
     * An entity's rank with the nominal weights and methods.
     *
     * @param entity the entity
     * @return the rank, 0 when unranked
     * @throws IllegalArgumentException if there is no such entity
     */
    public int nominalRank(String entity) {
        return nominalRank[index(entity)];
    }

    /**
     * The median and 5–95% interval of an entity's scores over the draws.
     *
     * @param entity the entity
     * @return the interval (NaN when it never had a score)
     * @throws IllegalArgumentException if there is no such entity
     */
    public Uncertainty score(String entity) {
        return score[index(entity)];
    }

    /**
     * The median and 5–95% interval of an entity's ranks over the draws.
     *
     * @param entity the entity
     * @return the interval (NaN when it was never ranked)
     * @throws IllegalArgumentException if there is no such entity
     */
    public Uncertainty rank(String entity) {
        return rank[index(entity)];
    }

    /**
     * The mean absolute rank shift: the mean over draws and ranked entities of {@code |rank - nominal rank|}.
     *
     * @return the shift in places, NaN when nothing was ranked
     */
    public double meanAbsoluteRankShift() {
        return rankShift;
    }

    /**
     * The share of draws in which the nominal leader (every entity ranked 1) is still ranked 1.
     *
     * @return 0..1
     */
    public double leaderKept() {
        return leaderKept;
    }

    /**
     * The median over entities of the width of their 5–95% rank interval.
     *
     * @return the width in places
     */
    public double medianRankWidth() {
        double[] w = Arrays.stream(rank).filter(u -> !Double.isNaN(u.median())).mapToDouble(Uncertainty::width)
                .sorted().toArray();
        return Draws.quantile(w, w.length, 0.5);
    }

    /**
     * The uncertain inputs: {@code weight:<leaf>} for each leaf whose weight was drawn (with siblings, positive),
     * {@code normalization} and {@code aggregation} when alternatives were given.
     *
     * @return an immutable list
     */
    public List<String> factors() {
        return factors;
    }

    /**
     * The first-order sensitivity index of each input, averaged over the entities whose score varied.
     *
     * @return input to index (0..1), in {@link #factors()} order
     */
    public Map<String, Double> sensitivity() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int f = 0; f < factors.size(); f++) {
            double sum = 0;
            int n = 0;
            for (int e = 0; e < entities.size(); e++) {
                double s = sensitivity[e][f];
                if (!Double.isNaN(s) && !(score[e].width() == 0)) {
                    sum += s;
                    n++;
                }
            }
            out.put(factors.get(f), n == 0 ? 0 : sum / n);
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * The first-order sensitivity index of one entity's score to one input.
     *
     * @param entity the entity
     * @param factor an input of {@link #factors()}
     * @return the index, 0..1 (0 when the score did not vary, NaN when it had fewer than two scores)
     * @throws IllegalArgumentException if there is no such entity or input
     */
    public double sensitivity(String entity, String factor) {
        int f = factors.indexOf(Objects.requireNonNull(factor, "factor"));
        if (f < 0) {
            throw new IllegalArgumentException("factor must be one of " + factors + ", but was '" + factor + "'"
                    + io.kpiengine.base.internal.Suggestions.didYouMean(factor, factors));
        }
        return sensitivity[index(entity)][f];
    }

    /**
     * The report as a table: one line per entity with its nominal score and rank and their intervals.
     *
     * @return the text
     */
    @Override
    public String toString() {
        List<String> lines = new ArrayList<>();
        lines.add("robustness of " + node + " over " + draws + " draws (seed " + seed + ")");
        for (int e = 0; e < entities.size(); e++) {
            lines.add("  " + entities.get(e) + ": score " + score[e] + ", rank " + rank[e]);
        }
        return String.join("\n", lines);
    }
}
