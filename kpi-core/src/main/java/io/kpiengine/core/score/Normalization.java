package io.kpiengine.core.score;

import java.util.Locale;
import java.util.Objects;

/**
 * How a KPI's raw values become comparable, unitless points before they are aggregated: the normalisation of one
 * leaf of a {@link GoalTree}. Every method is direction-aware: a lower-is-better KPI is flipped so that a higher
 * normalised value is always better.
 *
 * <p>Notation. {@code x} is the raw value of an entity in a period; {@code t} its target; the <i>oriented
 * value</i> is {@code v = x} for higher-is-better, {@code v = -x} for lower-is-better, and {@code v = -d(x)} for a
 * target-band KPI, where {@code d(x) = max(low - x, 0, x - high)} is the distance to the band (0 inside).
 * {@code s} is {@code +1} for higher-is-better and {@code -1} for lower-is-better. Statistics (min, max, mean,
 * standard deviation, order) are taken over the entities that have a value in the period, or over every entity and
 * period of the panel for {@link #minMaxOverTime()}.
 *
 * <table>
 *   <caption>Methods (OECD/JRC Handbook, 2008, section 5)</caption>
 *   <tr><th>method</th><th>formula</th><th>range</th><th>no value when</th></tr>
 *   <tr><td>{@link #minMax()}</td><td>{@code y = 100 (v - min v) / (max v - min v)}</td><td>0..100</td>
 *       <td>{@code max v = min v}</td></tr>
 *   <tr><td>{@link #minMaxOverTime()}</td><td>the same with min and max over the whole panel</td><td>0..100</td>
 *       <td>{@code max v = min v}</td></tr>
 *   <tr><td>{@link #goalposts(double, double)}</td><td>{@code y = clamp(100 (x - worst) / (best - worst), 0,
 *       100)}</td><td>0..100</td><td>never</td></tr>
 *   <tr><td>{@link #zScore()}</td><td>{@code y = (v - mean v) / sd v}, {@code sd} with {@code n - 1} (as R's
 *       {@code sd} and pandas' {@code std})</td><td>unbounded</td><td>{@code n < 2} or {@code sd = 0}</td></tr>
 *   <tr><td>{@link #distanceToTarget()}</td><td>{@code y = 100 s (x - t) / |t|}; band: {@code y = -100 d(x) /
 *       |e|}, {@code e} the edge nearest to {@code x}</td><td>unbounded, 0 on target</td>
 *       <td>no target, {@code t = 0}</td></tr>
 *   <tr><td>{@link #achievement()}</td><td>{@code y = clamp(100 + 100 s (x - t) / |t|, floor, cap)} (for
 *       higher-is-better and {@code t > 0}: {@code 100 x / t}); band: {@code clamp(100 - 100 d(x) / |e|, floor,
 *       cap)}</td><td>floor..cap, default 0..100</td><td>no target, {@code t = 0}</td></tr>
 *   <tr><td>{@link #percentileRank()}</td><td>{@code y = 100 (r - 1) / (n - 1)}, {@code r} the rank of {@code v}
 *       ascending with ties at their lowest rank (pandas {@code rank(method='min')})</td><td>0..100</td>
 *       <td>{@code n < 2}</td></tr>
 *   <tr><td>{@link #rank()}</td><td>{@code y = r}, the same rank: 1 for the worst, {@code n} for the best
 *       (ties share the lowest rank)</td><td>1..n</td><td>never</td></tr>
 * </table>
 *
 * <p>Ties: equal oriented values always get equal normalised values. Goalposts are given in raw units as
 * {@code (worst, best)}, so for a lower-is-better KPI {@code worst > best}; they must agree with the KPI's direction
 * and do not apply to target-band KPIs. A target comes from the leaf, the entity's own target in the
 * {@link KpiMatrix}, or the metric's nearest target in the catalog.
 *
 * <pre>{@code
 * Normalization.minMax();                          // 0 for the worst entity of the period, 100 for the best
 * Normalization.goalposts(0, 50_000);              // 0 at or below 0, 100 at or above 50,000
 * Normalization.achievement().cap(120);            // 100 x / t, from 0 up to 120
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Normalization {

    /** The normalisation methods; see the class table for their formulas. */
    public enum Method {
        /** Min-max over the entities of the period. */
        MIN_MAX,
        /** Min-max over every entity and period of the panel. */
        MIN_MAX_OVER_TIME,
        /** Min-max with fixed goalposts, clamped to 0..100. */
        GOALPOSTS,
        /** Standard score with the sample standard deviation. */
        Z_SCORE,
        /** Relative distance to the target, in percent. */
        DISTANCE_TO_TARGET,
        /** Achievement of the target in percent, between a floor and a cap. */
        ACHIEVEMENT,
        /** Percentile rank among the entities of the period, 0..100. */
        PERCENTILE_RANK,
        /** Rank among the entities of the period, 1 for the worst. */
        RANK;

        /**
         * The method's name in documents, in kebab case ({@code min-max}, {@code percentile-rank}).
         *
         * @return the document name
         */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** The default floor of {@link #achievement()}. */
    public static final double DEFAULT_FLOOR = 0;
    /** The default cap of {@link #achievement()}. */
    public static final double DEFAULT_CAP = 100;

    private static final Normalization MIN_MAX = new Normalization(Method.MIN_MAX, 0, 0, 0, 0);
    private static final Normalization MIN_MAX_OVER_TIME = new Normalization(Method.MIN_MAX_OVER_TIME, 0, 0, 0, 0);
    private static final Normalization Z_SCORE = new Normalization(Method.Z_SCORE, 0, 0, 0, 0);
    private static final Normalization DISTANCE = new Normalization(Method.DISTANCE_TO_TARGET, 0, 0, 0, 0);
    private static final Normalization ACHIEVEMENT = new Normalization(Method.ACHIEVEMENT, 0, 0, DEFAULT_FLOOR,
            DEFAULT_CAP);
    private static final Normalization PERCENTILE = new Normalization(Method.PERCENTILE_RANK, 0, 0, 0, 0);
    private static final Normalization RANK = new Normalization(Method.RANK, 0, 0, 0, 0);

    private final Method method;
    private final double worst;
    private final double best;
    private final double floor;
    private final double cap;

    private Normalization(Method method, double worst, double best, double floor, double cap) {
        this.method = method;
        this.worst = worst;
        this.best = best;
        this.floor = floor;
        this.cap = cap;
    }

    /**
     * Min-max over the entities of the period: {@code 100 (v - min v) / (max v - min v)}.
     *
     * @return the normalisation
     */
    public static Normalization minMax() {
        return MIN_MAX;
    }

    /**
     * Min-max over every entity and period scored together ({@link ScoreCard#score(java.util.List)} or
     * {@link ScoreCard#score(io.kpiengine.core.KpiResults)}), so that scores are comparable across periods.
     *
     * @return the normalisation
     */
    public static Normalization minMaxOverTime() {
        return MIN_MAX_OVER_TIME;
    }

    /**
     * Min-max with fixed goalposts in raw units: {@code clamp(100 (x - worst) / (best - worst), 0, 100)}.
     *
     * <pre>{@code
     * Normalization.goalposts(60, 20);   // response time in minutes: 60 or more scores 0, 20 or less 100
     * }</pre>
     *
     * @param worst the raw value that scores 0
     * @param best the raw value that scores 100
     * @return the normalisation
     * @throws IllegalArgumentException if a goalpost is not finite or they are equal
     */
    public static Normalization goalposts(double worst, double best) {
        finite(worst, "worst");
        finite(best, "best");
        if (worst == best) {
            throw new IllegalArgumentException("best must differ from worst " + worst + ", but was " + best);
        }
        return new Normalization(Method.GOALPOSTS, worst, best, 0, 0);
    }

    /**
     * The standard score {@code (v - mean v) / sd v}, with the sample standard deviation ({@code n - 1}).
     *
     * @return the normalisation
     */
    public static Normalization zScore() {
        return Z_SCORE;
    }

    /**
     * The relative distance to the target in percent: {@code 100 s (x - t) / |t|}, 0 on target.
     *
     * @return the normalisation
     */
    public static Normalization distanceToTarget() {
        return DISTANCE;
    }

    /**
     * Achievement of the target in percent, {@code 100 + 100 s (x - t) / |t|}, clamped to the floor
     * ({@value #DEFAULT_FLOOR}) and the cap ({@value #DEFAULT_CAP}); change them with {@link #floor(double)} and
     * {@link #cap(double)}.
     *
     * <pre>{@code
     * Normalization.achievement().cap(120);   // over-achievement counts up to 120 points
     * }</pre>
     *
     * @return the normalisation
     */
    public static Normalization achievement() {
        return ACHIEVEMENT;
    }

    /**
     * The percentile rank among the entities of the period, {@code 100 (r - 1) / (n - 1)}, ties at their lowest
     * rank.
     *
     * @return the normalisation
     */
    public static Normalization percentileRank() {
        return PERCENTILE;
    }

    /**
     * The rank among the entities of the period, 1 for the worst and {@code n} for the best, ties at their lowest
     * rank (pandas {@code rank(method='min')} of the oriented values).
     *
     * @return the normalisation
     */
    public static Normalization rank() {
        return RANK;
    }

    /**
     * This achievement normalisation with another cap.
     *
     * @param cap the largest normalised value, above the floor
     * @return a new normalisation
     * @throws IllegalStateException if this is not {@link Method#ACHIEVEMENT}
     * @throws IllegalArgumentException if cap is not finite or not above the floor
     */
    public Normalization cap(double cap) {
        requireAchievement("cap");
        finite(cap, "cap");
        if (!(cap > floor)) {
            throw new IllegalArgumentException("cap must be above the floor " + floor + ", but was " + cap);
        }
        return new Normalization(method, worst, best, floor, cap);
    }

    /**
     * This achievement normalisation with another floor.
     *
     * @param floor the smallest normalised value, below the cap
     * @return a new normalisation
     * @throws IllegalStateException if this is not {@link Method#ACHIEVEMENT}
     * @throws IllegalArgumentException if floor is not finite or not below the cap
     */
    public Normalization floor(double floor) {
        requireAchievement("floor");
        finite(floor, "floor");
        if (!(floor < cap)) {
            throw new IllegalArgumentException("floor must be below the cap " + cap + ", but was " + floor);
        }
        return new Normalization(method, worst, best, floor, cap);
    }

    private void requireAchievement(String what) {
        if (method != Method.ACHIEVEMENT) {
            throw new IllegalStateException(what + " applies to achievement only, but the method is " + method.id());
        }
    }

    private static void finite(double v, String name) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be finite, but was " + v);
        }
    }

    /**
     * The method.
     *
     * @return the method
     */
    public Method method() {
        return method;
    }

    /**
     * The raw value that scores 0, for goalposts.
     *
     * @return the worst goalpost; 0 for other methods
     */
    public double worst() {
        return worst;
    }

    /**
     * The raw value that scores 100, for goalposts.
     *
     * @return the best goalpost; 0 for other methods
     */
    public double best() {
        return best;
    }

    /**
     * The smallest normalised value, for achievement.
     *
     * @return the floor; 0 for other methods
     */
    public double floorValue() {
        return floor;
    }

    /**
     * The largest normalised value, for achievement.
     *
     * @return the cap; 0 for other methods
     */
    public double capValue() {
        return cap;
    }

    /**
     * Whether the method needs a target: distance to target and achievement.
     *
     * @return true if a target is needed
     */
    public boolean needsTarget() {
        return method == Method.DISTANCE_TO_TARGET || method == Method.ACHIEVEMENT;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Normalization n && n.method == method && Double.compare(n.worst, worst) == 0
                && Double.compare(n.best, best) == 0 && Double.compare(n.floor, floor) == 0
                && Double.compare(n.cap, cap) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, worst, best, floor, cap);
    }

    /**
     * The normalisation as in documents: {@code min-max}, {@code goalposts(0, 100)}, {@code achievement(0..120)}.
     *
     * @return the text
     */
    @Override
    public String toString() {
        switch (method) {
            case GOALPOSTS:
                return "goalposts(" + num(worst) + ", " + num(best) + ")";
            case ACHIEVEMENT:
                return "achievement(" + num(floor) + ".." + num(cap) + ")";
            default:
                return method.id();
        }
    }

    static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
