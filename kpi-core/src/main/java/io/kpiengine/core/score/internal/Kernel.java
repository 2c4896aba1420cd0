package io.kpiengine.core.score.internal;

import io.kpiengine.core.score.Aggregator;
import io.kpiengine.core.score.MissingComponents;
import io.kpiengine.core.score.NoScoreReason;
import io.kpiengine.core.score.Normalization;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The column kernels of scoring: normalise every leaf, aggregate every inner node bottom-up, then split the root
 * score top-down into each node's contribution to the root.
 *
 * <p>Design. Data are dense {@code double[]} columns, one per node, and every pass runs over a contiguous range of
 * entities, so that two threads work on disjoint halves without sharing a written cache line except at the seam.
 * Arithmetic nodes take a column-at-a-time fast path: for each child, {@code contribution = w * y} and
 * {@code score += contribution}, a loop the JIT vectorises; an entity whose sum came out NaN (a child without a
 * value) is redone by the general per-entity path {@link #one}, which applies the missing policy, the rule for
 * non-positive values and the exact contribution decompositions of {@code Aggregator}. Copeland nodes need every
 * entity's children before any entity's duel count, so the bottom-up pass is cut into phases at Copeland nodes
 * (each phase a parallel pass over all entities).
 *
 * <p>Invariants. A node's score is the sum of its children's contributions in child order (bitwise, as computed);
 * a missing value is NaN in {@code value} with a non-zero reason code, and its contribution is 0 when its parent
 * has a score; contributions to the root are {@code contribution * top(parent) / score(parent)}, so they sum over
 * the children of a node to the node's own contribution to the root up to rounding. Where that ratio is
 * ill-conditioned (the parent's score is 0, or below 1e-9 of the sum of its children's absolute contributions),
 * the parent's contribution to the root is split by the weights of its children that count (those with a score,
 * or every child when missing children are penalised).
 */
public final class Kernel {

    static final byte MISSING_INPUT = code(NoScoreReason.MISSING_INPUT);
    static final byte NO_TARGET = code(NoScoreReason.NO_TARGET);
    static final byte UNDEFINED = code(NoScoreReason.UNDEFINED_NORMALISATION);
    static final byte MISSING_COMPONENT = code(NoScoreReason.MISSING_COMPONENT);
    static final byte LOW_COVERAGE = code(NoScoreReason.LOW_COVERAGE);
    static final byte NON_POSITIVE = code(NoScoreReason.NON_POSITIVE);

    /**
     * A node whose score is this small against the sum of its children's absolute contributions (a cancellation)
     * passes its contribution to the root on by its children's weights instead of in proportion.
     */
    static final double ILL_CONDITIONED = 1e-9;

    /** Weighted majorities closer than this are ties. */
    static final double TIE = 1e-12;

    private Kernel() {
    }

    // reasons travel as byte codes in the per-entity arrays: the ordinal + 1 (0 is "no reason"), read back by reason()
    @SuppressWarnings("EnumOrdinal")
    private static byte code(NoScoreReason r) {
        return (byte) (r.ordinal() + 1);
    }

    /**
     * The reason of a code.
     *
     * @param code a non-zero reason code
     * @return the reason
     */
    @SuppressWarnings("EnumOrdinal")   // the inverse of code(): the byte is the ordinal + 1
    public static NoScoreReason reason(byte code) {
        return NoScoreReason.values()[code - 1];
    }

    /** Per-thread scratch for the per-entity path: one slot per child of the widest node. */
    public static final class Scratch {
        final double[] y;
        final double[] w;
        final double[] c;
        final double[] sign;
        final double[] share;
        double coverage;
        byte reason;
        private double[][] columns = new double[0][];
        private double[] mean = new double[0];

        /**
         * Allocates scratch for nodes of up to the given number of children.
         *
         * @param width the largest number of children
         */
        public Scratch(int width) {
            y = new double[width];
            w = new double[width];
            c = new double[width];
            sign = new double[width];
            share = new double[width];
        }

        /** Buffers of m columns of a range's length, reused by the nodes of one pass. */
        double[][] columns(int m, int len) {
            if (columns.length < m || columns[0].length < len) {
                columns = new double[Math.max(m, columns.length)][Math.max(len, columns.length == 0 ? 0
                        : columns[0].length)];
            }
            return columns;
        }

        /** A buffer of a range's length. */
        double[] mean(int len) {
            if (mean.length < len) {
                mean = new double[len];
            }
            return mean;
        }
    }

    /**
     * The largest number of children of a node.
     *
     * @param plan the plan
     * @return the width, at least 1
     */
    public static int width(TreePlan plan) {
        int w = 1;
        for (int i = 0; i < plan.size; i++) {
            w = Math.max(w, plan.childEnd[i] - plan.childStart[i]);
        }
        return w;
    }

    /**
     * Scores every node for every entity: normalisation (unless the leaves' values are already in the workspace),
     * aggregation and contributions.
     *
     * @param plan the plan
     * @param weight the weight of each node among its siblings (normalised)
     * @param agg the aggregator of each inner node
     * @param raw per leaf, its raw column (null for inner nodes, or for every node when normalise is false)
     * @param targets per leaf, the entities' own targets or null
     * @param stats per leaf, its statistics
     * @param ws the workspace to fill
     * @param threads the number of threads
     * @param normalise whether to normalise the leaves first
     * @param contributions whether to compute every node's contribution to its parent and to the root (without,
     *     a geometric or harmonic score is the mean itself rather than the sum of its contributions, which can
     *     differ in the last place)
     */
    public static void scoreAll(TreePlan plan, double[] weight, Aggregator[] agg, double[][] raw, double[][] targets,
            LeafStats[] stats, Workspace ws, int threads, boolean normalise, boolean contributions) {
        int n = ws.entities;
        int width = width(plan);
        List<int[]> phases = phases(plan, agg);
        if (normalise && plan.hasCopeland(agg)) {
            phases.add(0, new int[0]);   // every leaf normalised before a Copeland node reads other entities
        }
        for (int p = 0; p < phases.size(); p++) {
            int[] nodes = phases.get(p);
            boolean first = p == 0;
            boolean last = p == phases.size() - 1;
            Parallel.ranges(n, threads, (lo, hi) -> {
                Scratch sc = new Scratch(width);
                if (first && normalise) {
                    for (int i = 0; i < plan.size; i++) {
                        if (plan.leaf[i]) {
                            normalise(plan, i, raw[i], targets[i], stats[i], ws, lo, hi);
                        }
                    }
                }
                for (int node : nodes) {
                    if (agg[node].method() == Aggregator.Method.COPELAND) {
                        copeland(plan, node, weight, ws, lo, hi, sc);
                    } else {
                        aggregate(plan, node, weight, agg[node], ws, lo, hi, sc, contributions);
                    }
                }
                if (last && contributions) {
                    top(plan, weight, ws, lo, hi);
                }
            });
        }
    }

    /** The inner nodes bottom-up, cut before each Copeland node. */
    private static List<int[]> phases(TreePlan plan, Aggregator[] agg) {
        List<int[]> phases = new ArrayList<>();
        int[] current = new int[plan.size];
        int k = 0;
        for (int i = plan.size - 1; i >= 0; i--) {
            if (plan.leaf[i]) {
                continue;
            }
            if (agg[i].method() == Aggregator.Method.COPELAND && k > 0) {
                phases.add(Arrays.copyOf(current, k));
                k = 0;
            }
            current[k++] = i;
        }
        phases.add(Arrays.copyOf(current, k));
        return phases;
    }

    /**
     * Normalises one leaf over a range of entities (formulas: {@code Normalization}).
     *
     * @param plan the plan
     * @param leaf the leaf
     * @param raw its raw values
     * @param own the entities' own targets, or null
     * @param st its statistics
     * @param ws the workspace
     * @param lo first entity
     * @param hi one past the last entity
     */
    public static void normalise(TreePlan plan, int leaf, double[] raw, double[] own, LeafStats st, Workspace ws,
            int lo, int hi) {
        double[] y = ws.value[leaf];
        byte[] r = ws.reason[leaf];
        Normalization norm = plan.normalization[leaf];
        switch (norm.method()) {
            case MIN_MAX:
            case MIN_MAX_OVER_TIME:
            case Z_SCORE: {
                // an affine map of the oriented value: (v - min) 100 / (max - min), or (v - mean) / sd
                boolean z = norm.method() == Normalization.Method.Z_SCORE;
                boolean defined = z ? st.count >= 2 && st.sd > 0 : st.max > st.min;
                double offset = z ? st.mean : st.min;
                double k = z ? 1 / st.sd : 100 / (st.max - st.min);
                for (int e = lo; e < hi; e++) {
                    double x = raw[e];
                    if (Double.isNaN(x)) {
                        missing(y, r, e, MISSING_INPUT);
                    } else if (!defined) {
                        missing(y, r, e, UNDEFINED);
                    } else {
                        y[e] = (plan.orient(leaf, x) - offset) * k;
                        r[e] = 0;
                    }
                }
                break;
            }
            case GOALPOSTS: {
                double worst = norm.worst();
                double k = 100 / (norm.best() - worst);
                for (int e = lo; e < hi; e++) {
                    double x = raw[e];
                    if (Double.isNaN(x)) {
                        missing(y, r, e, MISSING_INPUT);
                    } else {
                        y[e] = Math.min(100, Math.max(0, (x - worst) * k));
                        r[e] = 0;
                    }
                }
                break;
            }
            case DISTANCE_TO_TARGET:
            case ACHIEVEMENT: {
                boolean achievement = norm.method() == Normalization.Method.ACHIEVEMENT;
                for (int e = lo; e < hi; e++) {
                    double x = raw[e];
                    double t = own != null && !Double.isNaN(own[e]) ? own[e] : plan.target[leaf];
                    if (Double.isNaN(x)) {
                        missing(y, r, e, MISSING_INPUT);
                        continue;
                    }
                    double d = distance(plan, leaf, x, t);
                    if (Double.isNaN(d)) {
                        missing(y, r, e, plan.orientation[leaf] != 0 && Double.isNaN(t) ? NO_TARGET : UNDEFINED);
                    } else {
                        y[e] = achievement ? Math.min(norm.capValue(), Math.max(norm.floorValue(), 100 + d)) : d;
                        r[e] = 0;
                    }
                }
                break;
            }
            default: {
                boolean percentile = norm.method() == Normalization.Method.PERCENTILE_RANK;
                boolean defined = !percentile || st.count >= 2;
                double k = percentile ? 100.0 / (st.count - 1) : 1;
                for (int e = lo; e < hi; e++) {
                    double x = raw[e];
                    if (Double.isNaN(x)) {
                        missing(y, r, e, MISSING_INPUT);
                    } else if (!defined) {
                        missing(y, r, e, UNDEFINED);
                    } else {
                        int below = st.below(plan.orient(leaf, x));
                        y[e] = percentile ? below * k : below + 1;
                        r[e] = 0;
                    }
                }
            }
        }
    }

    /**
     * The distance to target in percent, {@code 100 s (x - t) / |t|}, or for a target band {@code -100 d / |e|};
     * NaN when undefined (no target, a zero target or band edge).
     *
     * @param plan the plan
     * @param leaf the leaf
     * @param x the raw value
     * @param t the target (ignored for a band)
     * @return the distance, or NaN
     */
    public static double distance(TreePlan plan, int leaf, double x, double t) {
        int o = plan.orientation[leaf];
        if (o == 0) {
            double lowGap = plan.bandLow[leaf] - x;
            double highGap = x - plan.bandHigh[leaf];
            if (lowGap <= 0 && highGap <= 0) {
                return 0;
            }
            double edge = lowGap > 0 ? plan.bandLow[leaf] : plan.bandHigh[leaf];
            return edge == 0 ? Double.NaN : -100 * Math.max(lowGap, highGap) / Math.abs(edge);
        }
        if (Double.isNaN(t) || t == 0) {
            return Double.NaN;
        }
        return 100 * o * (x - t) / Math.abs(t);
    }

    private static void missing(double[] y, byte[] r, int e, byte code) {
        y[e] = Double.NaN;
        r[e] = code;
    }

    /**
     * Aggregates one non-Copeland inner node over a range of entities.
     *
     * @param plan the plan
     * @param node the node
     * @param weight the weights
     * @param agg the node's aggregator
     * @param ws the workspace
     * @param lo first entity
     * @param hi one past the last entity
     * @param sc scratch
     */
    static void aggregate(TreePlan plan, int node, double[] weight, Aggregator agg, Workspace ws, int lo, int hi,
            Scratch sc, boolean contributions) {
        double[] s = ws.value[node];
        double[] cov = ws.coverage[node];
        byte[] r = ws.reason[node];
        int cs = plan.childStart[node];
        int ce = plan.childEnd[node];
        Aggregator.Method method = agg.method();
        if (method == Aggregator.Method.ARITHMETIC) {
            Arrays.fill(s, lo, hi, 0.0);
            for (int k = cs; k < ce; k++) {
                int c = plan.children[k];
                double w = weight[c];
                double[] y = ws.value[c];
                double[] ct = ws.contribution[c];
                if (contributions) {
                    for (int e = lo; e < hi; e++) {
                        double t = w * y[e];
                        ct[e] = t;
                        s[e] += t;
                    }
                } else {
                    for (int e = lo; e < hi; e++) {
                        s[e] += w * y[e];
                    }
                }
            }
        } else if (!contributions) {
            // geometric or harmonic without contributions: accumulate w ln v or w / v column by column; NaN marks
            // an entity for the per-entity path (a missing or non-positive component)
            boolean geometric = method == Aggregator.Method.GEOMETRIC;
            double shift = agg.nonPositive() == Aggregator.NonPositive.SHIFT ? agg.nonPositiveValue() : 0;
            double floor = agg.nonPositive() == Aggregator.NonPositive.FLOOR ? agg.nonPositiveValue() : 0;
            Arrays.fill(s, lo, hi, 0.0);
            for (int k = cs; k < ce; k++) {
                int c = plan.children[k];
                double w = weight[c];
                double[] y = ws.value[c];
                if (w == 0) {
                    for (int e = lo; e < hi; e++) {
                        if (!Double.isFinite(y[e])) {   // a missing (NaN) part makes the sum missing
                            s[e] = Double.NaN;
                        }
                    }
                    continue;
                }
                double[] known = ws.transformed == null ? null : ws.transformed[c];
                if (known != null) {
                    for (int e = lo; e < hi; e++) {
                        s[e] += w * known[e];
                    }
                    continue;
                }
                for (int e = lo; e < hi; e++) {
                    s[e] += transform(y[e], shift, floor, geometric) * w;
                }
            }
            for (int e = lo; e < hi; e++) {
                if (!Double.isNaN(s[e])) {
                    s[e] = (geometric ? Math.exp(s[e]) : 1 / s[e]) - shift;
                }
            }
        } else {
            meanWithContributions(plan, node, weight, agg, ws, lo, hi, sc);
        }
        for (int e = lo; e < hi; e++) {
            if (!Double.isNaN(s[e])) {
                cov[e] = 1;
                r[e] = 0;
            } else {
                entity(plan, node, weight, agg, ws, e, sc, contributions);
            }
        }
    }

    /**
     * The geometric or harmonic mean of a node with its contributions, column by column: one pass per child keeps
     * {@code ln v} (geometric) or {@code v} (harmonic) and sums the mean's terms and {@code A}, then one pass per
     * entity applies the decomposition of {@link #one}. Entities with a missing or non-positive point are left NaN
     * for the per-entity path.
     */
    private static void meanWithContributions(TreePlan plan, int node, double[] weight, Aggregator agg,
            Workspace ws, int lo, int hi, Scratch sc) {
        boolean geometric = agg.method() == Aggregator.Method.GEOMETRIC;
        double shift = agg.nonPositive() == Aggregator.NonPositive.SHIFT ? agg.nonPositiveValue() : 0;
        double floor = agg.nonPositive() == Aggregator.NonPositive.FLOOR ? agg.nonPositiveValue() : 0;
        int cs = plan.childStart[node];
        int m = plan.childEnd[node] - cs;
        int len = hi - lo;
        double[][] kept = sc.columns(m, len);
        double[] a = sc.mean(len);
        double[] s = ws.value[node];
        Arrays.fill(s, lo, hi, 0.0);
        Arrays.fill(a, 0, len, 0.0);
        for (int i = 0; i < m; i++) {
            int c = plan.children[cs + i];
            double w = weight[c];
            double[] y = ws.value[c];
            double[] k = kept[i];
            for (int e = lo; e < hi; e++) {
                double v = Math.max(y[e] + shift, floor);
                if (w == 0) {
                    if (!Double.isFinite(y[e])) {   // a missing (NaN) part makes the sum missing
                        s[e] = Double.NaN;
                    }
                    continue;
                }
                double term = geometric ? Math.log(v) : v;
                k[e - lo] = term;
                s[e] += v > 0 ? (geometric ? w * term : w / v) : Double.NaN;
                a[e - lo] += w * v;
            }
        }
        for (int e = lo; e < hi; e++) {
            double acc = s[e];
            if (Double.isNaN(acc)) {
                continue;
            }
            double mean = a[e - lo];
            double g = geometric ? Math.exp(acc) : 1 / acc;
            double l = geometric ? logMean(g, mean) : 0;
            double lnA = geometric ? Math.log(mean) : 0;
            double sum = 0;
            for (int i = 0; i < m; i++) {
                int c = plan.children[cs + i];
                double w = weight[c];
                double t = kept[i][e - lo];
                double contribution = w == 0 ? 0 : geometric ? w * mean + l * w * (t - lnA) - w * shift
                        : w * mean + w * g * (t - mean) / t - w * shift;
                ws.contribution[c][e] = contribution;
                sum += contribution;
            }
            s[e] = sum;
        }
    }

    /**
     * The term a geometric or harmonic mean sums for one point: {@code ln v} or {@code 1 / v} with
     * {@code v = max(y + shift, floor)}, NaN when v is not positive or y is missing.
     *
     * @param y the point
     * @param shift the shift, or 0
     * @param floor the floor, or 0
     * @param geometric true for the geometric mean, false for the harmonic
     * @return the term
     */
    public static double transform(double y, double shift, double floor, boolean geometric) {
        double v = Math.max(y + shift, floor);
        return v > 0 ? (geometric ? Math.log(v) : 1 / v) : Double.NaN;
    }

    /** The per-entity path of one node: gathers the children, calls {@link #one}, scatters the contributions. */
    private static void entity(TreePlan plan, int node, double[] weight, Aggregator agg, Workspace ws, int e,
            Scratch sc, boolean contributions) {
        int cs = plan.childStart[node];
        int m = plan.childEnd[node] - cs;
        for (int i = 0; i < m; i++) {
            int c = plan.children[cs + i];
            sc.y[i] = ws.value[c][e];
            sc.w[i] = weight[c];
        }
        double s = one(agg, plan.missing, plan.missingValue, sc, m);
        ws.value[node][e] = s;
        ws.coverage[node][e] = sc.coverage;
        ws.reason[node][e] = sc.reason;
        if (contributions) {
            for (int i = 0; i < m; i++) {
                ws.contribution[plan.children[cs + i]][e] = sc.c[i];
            }
        }
    }

    /**
     * Aggregates one entity's children (in {@code sc.y}, NaN missing, with weights {@code sc.w} summing to 1):
     * applies the missing policy and the non-positive rule, writes each child's contribution into {@code sc.c}
     * (0 for a missing child, NaN for all when there is no score), the coverage and the reason code.
     *
     * @param agg the aggregator (not Copeland)
     * @param policy the missing policy
     * @param policyValue its minimum coverage or penalty
     * @param sc the scratch holding the children
     * @param m the number of children
     * @return the score (the sum of the contributions in child order), or NaN
     */
    public static double one(Aggregator agg, MissingComponents.Kind policy, double policyValue, Scratch sc, int m) {
        double present = 0;
        boolean anyMissing = false;
        for (int i = 0; i < m; i++) {
            if (Double.isNaN(sc.y[i])) {
                anyMissing = true;
            } else {
                present += sc.w[i];
            }
        }
        sc.coverage = anyMissing ? present : 1;
        sc.reason = 0;
        if (anyMissing) {
            switch (policy) {
                case NO_SCORE:
                    return fail(sc, m, MISSING_COMPONENT);
                case RENORMALISE:
                    if (!(present > 0) || present < policyValue) {
                        return fail(sc, m, LOW_COVERAGE);
                    }
                    for (int i = 0; i < m; i++) {
                        sc.w[i] = Double.isNaN(sc.y[i]) ? 0 : sc.w[i] / present;
                    }
                    break;
                default:
                    for (int i = 0; i < m; i++) {
                        if (Double.isNaN(sc.y[i])) {
                            sc.y[i] = policyValue;
                        }
                    }
            }
        }
        Aggregator.Method method = agg.method();
        double s = 0;
        if (method == Aggregator.Method.ARITHMETIC) {
            for (int i = 0; i < m; i++) {
                double c = sc.w[i] == 0 ? 0 : sc.w[i] * sc.y[i];
                sc.c[i] = c;
                s += c;
            }
            return s;
        }
        double shift = agg.nonPositive() == Aggregator.NonPositive.SHIFT ? agg.nonPositiveValue() : 0;
        double floor = agg.nonPositive() == Aggregator.NonPositive.FLOOR ? agg.nonPositiveValue() : 0;
        double a = 0;
        double acc = 0;
        for (int i = 0; i < m; i++) {
            if (sc.w[i] == 0) {
                continue;
            }
            double v = Math.max(sc.y[i] + shift, floor);
            if (!(v > 0)) {
                return fail(sc, m, NON_POSITIVE);
            }
            sc.y[i] = v;
            a += sc.w[i] * v;
            acc += method == Aggregator.Method.GEOMETRIC ? sc.w[i] * Math.log(v) : sc.w[i] / v;
        }
        if (method == Aggregator.Method.GEOMETRIC) {
            double g = Math.exp(acc);
            double l = logMean(g, a);
            double lnA = Math.log(a);
            for (int i = 0; i < m; i++) {
                double w = sc.w[i];
                double c = w == 0 ? 0 : w * a + l * w * (Math.log(sc.y[i]) - lnA) - w * shift;
                sc.c[i] = c;
                s += c;
            }
        } else {
            double h = 1 / acc;
            for (int i = 0; i < m; i++) {
                double w = sc.w[i];
                double c = w == 0 ? 0 : w * a + w * h * (sc.y[i] - a) / sc.y[i] - w * shift;
                sc.c[i] = c;
                s += c;
            }
        }
        return s;
    }

    private static double fail(Scratch sc, int m, byte code) {
        sc.reason = code;
        Arrays.fill(sc.c, 0, m, Double.NaN);
        return Double.NaN;
    }

    /**
     * The logarithmic mean {@code L(a, b) = (a - b) / (ln a - ln b)}, {@code L(a, a) = a}, for positive a and b;
     * near {@code a = b} by its series {@code b (1 + u/2 - u²/12 + u³/24)}, {@code u = a/b - 1}.
     *
     * @param a positive
     * @param b positive
     * @return the logarithmic mean
     */
    public static double logMean(double a, double b) {
        double u = a / b - 1;
        if (Math.abs(u) < 1e-4) {
            return b * (1 + u / 2 - u * u / 12 + u * u * u / 24);
        }
        return (a - b) / Math.log(a / b);
    }

    /**
     * The Copeland count of one node for a range of entities (formulas: {@code Aggregator}); reads every entity's
     * children.
     *
     * @param plan the plan
     * @param node the node
     * @param weight the weights
     * @param ws the workspace
     * @param lo first entity
     * @param hi one past the last entity
     * @param sc scratch
     */
    static void copeland(TreePlan plan, int node, double[] weight, Workspace ws, int lo, int hi, Scratch sc) {
        int n = ws.entities;
        boolean[] eligible = new boolean[n];
        int count = 0;
        for (int b = 0; b < n; b++) {
            eligible[b] = copelandEligible(plan, node, weight, ws, b, sc, -1, 0) == 0;
            count += eligible[b] ? 1 : 0;
        }
        for (int a = lo; a < hi; a++) {
            copelandOne(plan, node, weight, ws, a, eligible, count, sc, null, -1, Double.NaN);
        }
    }

    /**
     * Whether an entity takes part in the duels of a Copeland node: the reason code it has none (0 if it has).
     */
    static byte copelandEligible(TreePlan plan, int node, double[] weight, Workspace ws, int b, Scratch sc,
            int overrideChild, double override) {
        int cs = plan.childStart[node];
        int m = plan.childEnd[node] - cs;
        double present = 0;
        boolean anyMissing = false;
        for (int i = 0; i < m; i++) {
            int c = plan.children[cs + i];
            double y = c == overrideChild ? override : ws.value[c][b];
            if (Double.isNaN(y)) {
                anyMissing = true;
            } else {
                present += weight[c];
            }
        }
        sc.coverage = anyMissing ? present : 1;
        if (!anyMissing || plan.missing == MissingComponents.Kind.PENALISE) {
            return 0;
        }
        if (plan.missing == MissingComponents.Kind.NO_SCORE) {
            return MISSING_COMPONENT;
        }
        return !(present > 0) || present < plan.missingValue ? LOW_COVERAGE : 0;
    }

    /**
     * The Copeland score of entity a, written to the workspace unless {@code into} is given; child
     * {@code overrideChild} may be given the value {@code override} for a, for "what it takes".
     *
     * @return the score
     */
    static double copelandOne(TreePlan plan, int node, double[] weight, Workspace ws, int a, boolean[] eligible,
            int count, Scratch sc, double[] into, int overrideChild, double override) {
        int cs = plan.childStart[node];
        int m = plan.childEnd[node] - cs;
        byte why = copelandEligible(plan, node, weight, ws, a, sc, overrideChild, override);
        if (why != 0 && into != null) {
            return Double.NaN;
        }
        if (why != 0) {
            ws.value[node][a] = Double.NaN;
            ws.reason[node][a] = why;
            ws.coverage[node][a] = sc.coverage;
            for (int i = 0; i < m; i++) {
                ws.contribution[plan.children[cs + i]][a] = Double.NaN;
            }
            return Double.NaN;
        }
        double coverage = sc.coverage;
        boolean penalise = plan.missing == MissingComponents.Kind.PENALISE;
        double present = 0;
        for (int i = 0; i < m; i++) {
            int c = plan.children[cs + i];
            double y = c == overrideChild ? override : ws.value[c][a];
            sc.y[i] = !Double.isNaN(y) ? y : penalise ? plan.missingValue : Double.NaN;
            sc.share[i] = 0;
            present += !Double.isNaN(sc.y[i]) ? weight[c] : 0;
        }
        int others = count - (eligible[a] ? 1 : 0);
        for (int b = 0; b < ws.entities; b++) {
            if (b == a || !eligible[b]) {
                continue;
            }
            double d = 0;
            for (int i = 0; i < m; i++) {
                int c = plan.children[cs + i];
                double yb = ws.value[c][b];
                if (Double.isNaN(yb)) {
                    yb = penalise ? plan.missingValue : Double.NaN;
                }
                double sg = Double.isNaN(sc.y[i]) || Double.isNaN(yb) ? 0 : Math.signum(sc.y[i] - yb);
                sc.sign[i] = sg;
                d += weight[c] * sg;
            }
            if (Math.abs(d) <= TIE) {
                continue;
            }
            double o = d > 0 ? 1 : -1;
            for (int i = 0; i < m; i++) {
                sc.share[i] += o * weight[plan.children[cs + i]] * sc.sign[i] / d;
            }
        }
        double s = 0;
        double unit = others > 0 ? 50.0 / others : 0;
        for (int i = 0; i < m; i++) {
            int c = plan.children[cs + i];
            double w = Double.isNaN(sc.y[i]) ? 0 : weight[c] / present;
            double contribution = Double.isNaN(sc.y[i]) ? 0 : 50 * w + unit * sc.share[i];
            sc.c[i] = contribution;
            s += contribution;
        }
        if (into == null) {
            ws.value[node][a] = s;
            ws.reason[node][a] = 0;
            ws.coverage[node][a] = coverage;
            for (int i = 0; i < m; i++) {
                ws.contribution[plan.children[cs + i]][a] = sc.c[i];
            }
        }
        return s;
    }

    /**
     * Splits the root score into every node's contribution to the root, over a range of entities.
     *
     * @param plan the plan
     * @param weight the weights
     * @param ws the workspace
     * @param lo first entity
     * @param hi one past the last entity
     */
    static void top(TreePlan plan, double[] weight, Workspace ws, int lo, int hi) {
        System.arraycopy(ws.value[0], lo, ws.top[0], lo, hi - lo);
        double[] magnitude = new double[hi - lo];
        boolean penalise = plan.missing == MissingComponents.Kind.PENALISE;
        for (int p = 0; p < plan.size; p++) {
            if (plan.leaf[p]) {
                continue;
            }
            java.util.Arrays.fill(magnitude, 0);
            for (int k = plan.childStart[p]; k < plan.childEnd[p]; k++) {
                double[] ck = ws.contribution[plan.children[k]];
                for (int e = lo; e < hi; e++) {
                    magnitude[e - lo] += Math.abs(ck[e]);
                }
            }
            double[] tp = ws.top[p];
            double[] sp = ws.value[p];
            double[] cov = ws.coverage[p];
            for (int k = plan.childStart[p]; k < plan.childEnd[p]; k++) {
                int i = plan.children[k];
                double[] ci = ws.contribution[i];
                double[] yi = ws.value[i];
                double[] ti = ws.top[i];
                double w = weight[i];
                for (int e = lo; e < hi; e++) {
                    double t = tp[e];
                    double s = sp[e];
                    if (t == 0) {
                        ti[e] = 0;
                    } else if (Math.abs(s) > ILL_CONDITIONED * magnitude[e - lo]) {
                        ti[e] = ci[e] * (t / s);
                    } else {
                        ti[e] = penalise ? t * w : !Double.isNaN(yi[e]) ? t * w / cov[e] : 0;
                    }
                }
            }
        }
    }

    /**
     * The score of an ancestor node for one entity when one leaf's normalised value is replaced, everything else
     * (other leaves, other entities, the period's statistics) held as computed: the function that "what it
     * takes" searches.
     *
     * @param plan the plan
     * @param weight the weights
     * @param agg the aggregators
     * @param ws a completed workspace
     * @param entity the entity
     * @param leaf the leaf whose value is replaced
     * @param ancestor the node whose score is returned (an ancestor of the leaf, or the leaf)
     * @param y the leaf's new normalised value
     * @param sc scratch
     * @return the ancestor's score, NaN when it has none
     */
    public static double pathScore(TreePlan plan, double[] weight, Aggregator[] agg, Workspace ws, int entity,
            int leaf, int ancestor, double y, Scratch sc) {
        int changed = leaf;
        double value = y;
        while (changed != ancestor) {
            int p = plan.parent[changed];
            int cs = plan.childStart[p];
            int m = plan.childEnd[p] - cs;
            if (agg[p].method() == Aggregator.Method.COPELAND) {
                boolean[] eligible = new boolean[ws.entities];
                int count = 0;
                for (int b = 0; b < ws.entities; b++) {
                    eligible[b] = b != entity && copelandEligible(plan, p, weight, ws, b, sc, -1, 0) == 0;
                    count += eligible[b] ? 1 : 0;
                }
                eligible[entity] = true;
                value = copelandOne(plan, p, weight, ws, entity, eligible, count + 1, sc, sc.c, changed, value);
            } else {
                for (int i = 0; i < m; i++) {
                    int c = plan.children[cs + i];
                    sc.y[i] = c == changed ? value : ws.value[c][entity];
                    sc.w[i] = weight[c];
                }
                value = one(agg[p], plan.missing, plan.missingValue, sc, m);
            }
            changed = p;
        }
        return value;
    }
}
