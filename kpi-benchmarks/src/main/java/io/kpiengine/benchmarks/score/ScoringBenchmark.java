package io.kpiengine.benchmarks.score;

import io.kpiengine.core.metric.Direction;
import io.kpiengine.core.score.Aggregator;
import io.kpiengine.core.score.GoalTree;
import io.kpiengine.core.score.KpiMatrix;
import io.kpiengine.core.score.Normalization;
import io.kpiengine.core.score.Robustness;
import io.kpiengine.core.score.RobustnessReport;
import io.kpiengine.core.score.ScoreCard;
import io.kpiengine.core.score.Scores;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Composite scoring at scale (issue 15): one period of 100,000 entities (stores, salespeople) by 30 KPIs in a
 * 3-level goal tree — a root objective, 5 key results, 6 KPIs under each — scored with every node's contribution to
 * its parent and to the root; and the robustness audit, 1,000 Monte Carlo draws over 1,000 entities by the same 30
 * KPIs.
 *
 * <p>The tree mixes what real scorecards use: min-max (18 KPIs, a third of them lower-is-better), achievement of a
 * per-entity target capped at 120 (6), goalposts (3) and z-scores (3); the key results aggregate arithmetically
 * except one geometric mean with a floor of 1 point; 1% of the values are missing (renormalised). The audit draws
 * Dirichlet weights (concentration 50) and picks among the tree's own normalisations, z-scores and percentile
 * ranks, and among its aggregators and the geometric mean.
 *
 * <pre>
 * java -jar kpi-benchmarks/target/benchmarks.jar ScoringBenchmark -wi 2 -i 5 -f 1
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class ScoringBenchmark {

    /** Entities of the scoring benchmark. */
    public static final int ENTITIES = 100_000;
    /** Entities of the Monte Carlo benchmark. */
    public static final int AUDIT_ENTITIES = 1_000;
    /** Monte Carlo draws. */
    public static final int DRAWS = 1_000;
    static final int GROUPS = 5;
    static final int PER_GROUP = 6;

    private ScoreCard twoThreads;
    private ScoreCard oneThread;
    private KpiMatrix matrix;
    private KpiMatrix auditMatrix;
    private Robustness audit;

    /**
     * The tree of the benchmark: 5 key results of 6 KPIs each.
     *
     * @return the tree
     */
    public static GoalTree tree() {
        GoalTree.Builder b = GoalTree.builder("health");
        SplittableRandom r = new SplittableRandom(15);
        for (int g = 0; g < GROUPS; g++) {
            String kr = "kr" + g;
            b.node(kr, "health", 1 + r.nextInt(4));
            if (g == 2) {
                b.aggregator(kr, Aggregator.geometric(Aggregator.NonPositive.FLOOR, 1));
            }
            for (int k = 0; k < PER_GROUP; k++) {
                String kpi = "k" + (g * PER_GROUP + k);
                b.kpi(kpi, kr, 1 + r.nextInt(9));
                switch (k) {
                    case 0:
                        b.normalization(kpi, Normalization.achievement().cap(120));
                        break;
                    case 1:
                        b.normalization(kpi, Normalization.goalposts(0, 1_000));
                        break;
                    case 2:
                        b.direction(kpi, Direction.LOWER_IS_BETTER);
                        break;
                    case 3:
                        if (g % 2 == 0) {
                            b.normalization(kpi, Normalization.zScore());
                        }
                        break;
                    default:
                        break;
                }
            }
        }
        return b.build();
    }

    /**
     * A matrix of seeded random values: uniform 0..1,000, 1% missing, a per-entity target for every achievement KPI.
     *
     * @param entities the number of entities
     * @param seed the seed
     * @return the matrix
     */
    public static KpiMatrix matrix(int entities, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<String> labels = new ArrayList<>(entities);
        for (int e = 0; e < entities; e++) {
            labels.add("store-" + e);
        }
        KpiMatrix.Builder b = KpiMatrix.builder(labels);
        for (int k = 0; k < GROUPS * PER_GROUP; k++) {
            double[] col = new double[entities];
            for (int e = 0; e < entities; e++) {
                col[e] = r.nextInt(100) == 0 ? Double.NaN : 1_000 * r.nextDouble();
            }
            b.column("k" + k, col);
            if (k % PER_GROUP == 0) {
                double[] target = new double[entities];
                for (int e = 0; e < entities; e++) {
                    target[e] = 400 + 400 * r.nextDouble();
                }
                b.targets("k" + k, target);
            }
        }
        return b.build();
    }

    /** Builds the data, the cards and the audit. */
    @Setup
    public void setUp() {
        GoalTree tree = tree();
        twoThreads = ScoreCard.builder(tree).parallelism(2).build();
        oneThread = ScoreCard.of(tree);
        matrix = matrix(ENTITIES, 2026);
        auditMatrix = matrix(AUDIT_ENTITIES, 2027);
        audit = Robustness.builder(twoThreads).draws(DRAWS).seed(42).dirichlet(50)
                .normalizations(Normalization.zScore(), Normalization.percentileRank())
                .aggregators(Aggregator.geometric(Aggregator.NonPositive.FLOOR, 1)).parallelism(2).build();
        Scores check = twoThreads.score(matrix);
        if (check.size() != ENTITIES || Double.isNaN(check.contributionToTop("k0", 0) + check.score("health", 0))) {
            throw new IllegalStateException("the benchmark data should score every entity");
        }
    }

    /**
     * Scores 100,000 entities with every contribution, on 2 threads.
     *
     * @return the scores
     */
    @Benchmark
    public Scores scoreAndContributions() {
        return twoThreads.score(matrix);
    }

    /**
     * The same on 1 thread.
     *
     * @return the scores
     */
    @Benchmark
    public Scores scoreAndContributionsOneThread() {
        return oneThread.score(matrix);
    }

    /**
     * 1,000 Monte Carlo draws over 1,000 entities, on 2 threads.
     *
     * @return the report
     */
    @Benchmark
    public RobustnessReport monteCarlo() {
        return audit.run(auditMatrix);
    }
}
