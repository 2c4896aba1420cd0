package io.kpiengine.core.score;

import java.util.Locale;
import java.util.Objects;

/**
 * How a node of a {@link GoalTree} combines the points of its children into its own score, and how that score is
 * split back into the children's contributions.
 *
 * <p>Notation: {@code y_i} the children's points, {@code w_i} their weights, normalised to sum to 1 over the
 * children that count (see {@link MissingComponents}); {@code A = Σ w_i y_i}.
 *
 * <table>
 *   <caption>Methods (OECD/JRC Handbook, 2008, section 6)</caption>
 *   <tr><th>method</th><th>score</th><th>contribution {@code c_i} of child i</th></tr>
 *   <tr><td>{@link #arithmetic()}</td><td>{@code A = Σ w_i y_i}</td><td>{@code w_i y_i}</td></tr>
 *   <tr><td>{@link #geometric()}</td><td>{@code G = Π y_i^w_i = exp(Σ w_i ln y_i)}</td>
 *       <td>{@code w_i A + L(G, A) w_i ln(y_i / A)}, where {@code L(a, b) = (a - b) / (ln a - ln b)} is the
 *       logarithmic mean ({@code L(a, a) = a})</td></tr>
 *   <tr><td>{@link #harmonic()}</td><td>{@code H = 1 / Σ (w_i / y_i)}</td>
 *       <td>{@code w_i A + w_i H (y_i - A) / y_i}</td></tr>
 *   <tr><td>{@link #copeland()}</td><td>{@code 50 + 50 C / (n - 1)}, {@code C} the Copeland count of the entity
 *       among the {@code n} entities of the period</td><td>see below</td></tr>
 * </table>
 *
 * <p><b>Contributions sum to the score.</b> For every method {@code Σ c_i} equals the score with no residual term
 * (for the geometric mean because {@code Σ w_i ln(y_i / A) = ln(G / A)} and {@code L(G, A) ln(G / A) = G - A}; for
 * the harmonic mean because {@code Σ w_i H (y_i - A) / y_i = H - A}), and the score a node reports is computed as
 * that sum, in child order. When every child has the same points {@code y}, every method gives {@code c_i = w_i y}.
 * The geometric and harmonic decompositions start from the arithmetic share {@code w_i A} and move the gap between
 * the two means onto the children that cause it: a child below the mean loses points, and may go negative.
 *
 * <p><b>Zeros and negatives</b> (geometric and harmonic only), by {@link NonPositive}: {@code REFUSE} (the
 * default) gives no score ({@link NoScoreReason#NON_POSITIVE}); {@code FLOOR(f)} replaces every {@code y_i < f}
 * by {@code f} (f &gt; 0); {@code SHIFT(c)} computes the mean of {@code y_i + c} and subtracts {@code c}, so the
 * score stays between the smallest and largest {@code y_i} (and a {@code y_i + c <= 0} is refused).
 *
 * <p><b>Copeland</b> (non-compensatory, JRC Handbook 6.1.3): for entities {@code a} and {@code b} of the period,
 * {@code D_ab = Σ_i w_i sign(y_ai - y_bi)} over the components both have; {@code a} beats {@code b} when
 * {@code D_ab > 0} (the weight of the components where a is better exceeds that where b is better: the majority
 * rule), loses when {@code D_ab < 0}, and ties otherwise. {@code C_a} = wins minus losses, in {@code [-(n-1),
 * n-1]}. A strong component cannot buy back a lost majority. The contribution of component i is
 * {@code 50 w_i + 50 / (n - 1) Σ_b o_ab w_i sign(y_ai - y_bi) / D_ab}, where {@code o_ab} is +1, -1 or 0: each
 * duel's point is split among the components by their signed weighted votes, so the contributions sum to the
 * score. It costs {@code O(n² k)} per node and period; use it for tens of thousands of entities at most. A period
 * with one entity scores 50.
 *
 * <pre>{@code
 * Aggregator.arithmetic();
 * Aggregator.geometric(Aggregator.NonPositive.FLOOR, 1);   // points below 1 count as 1
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Aggregator {

    /** The aggregation methods. */
    public enum Method {
        /** Weighted arithmetic mean: fully compensatory. */
        ARITHMETIC,
        /** Weighted geometric mean: partly compensatory, needs positive points. */
        GEOMETRIC,
        /** Weighted harmonic mean: least compensatory of the means, needs positive points. */
        HARMONIC,
        /** Copeland count of weighted majority duels among the entities: non-compensatory. */
        COPELAND;

        /**
         * The method's name in documents ({@code arithmetic}, {@code copeland}).
         *
         * @return the document name
         */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What the geometric and harmonic means do with points that are zero or negative. */
    public enum NonPositive {
        /** No score, with reason {@link NoScoreReason#NON_POSITIVE}. */
        REFUSE,
        /** Points below the value count as the value (which must be positive). */
        FLOOR,
        /** The mean of the points plus the value, minus the value. */
        SHIFT
    }

    private static final Aggregator ARITHMETIC = new Aggregator(Method.ARITHMETIC, NonPositive.REFUSE, 0);
    private static final Aggregator GEOMETRIC = new Aggregator(Method.GEOMETRIC, NonPositive.REFUSE, 0);
    private static final Aggregator HARMONIC = new Aggregator(Method.HARMONIC, NonPositive.REFUSE, 0);
    private static final Aggregator COPELAND = new Aggregator(Method.COPELAND, NonPositive.REFUSE, 0);

    private final Method method;
    private final NonPositive rule;
    private final double value;

    private Aggregator(Method method, NonPositive rule, double value) {
        this.method = method;
        this.rule = rule;
        this.value = value;
    }

    /**
     * The weighted arithmetic mean.
     *
     * @return the aggregator
     */
    public static Aggregator arithmetic() {
        return ARITHMETIC;
    }

    /**
     * The weighted geometric mean; non-positive points are refused.
     *
     * @return the aggregator
     */
    public static Aggregator geometric() {
        return GEOMETRIC;
    }

    /**
     * The weighted geometric mean with a rule for non-positive points.
     *
     * <pre>{@code
     * Aggregator.geometric(Aggregator.NonPositive.SHIFT, 1);   // mean of (y + 1), minus 1
     * }</pre>
     *
     * @param rule what to do with points at or below zero
     * @param value the floor or the shift; ignored for REFUSE
     * @return the aggregator
     * @throws IllegalArgumentException if the floor or shift is not positive and finite
     */
    public static Aggregator geometric(NonPositive rule, double value) {
        return of(Method.GEOMETRIC, rule, value);
    }

    /**
     * The weighted harmonic mean; non-positive points are refused.
     *
     * @return the aggregator
     */
    public static Aggregator harmonic() {
        return HARMONIC;
    }

    /**
     * The weighted harmonic mean with a rule for non-positive points.
     *
     * <pre>{@code
     * Aggregator.harmonic(Aggregator.NonPositive.FLOOR, 0.5);
     * }</pre>
     *
     * @param rule what to do with points at or below zero
     * @param value the floor or the shift; ignored for REFUSE
     * @return the aggregator
     * @throws IllegalArgumentException if the floor or shift is not positive and finite
     */
    public static Aggregator harmonic(NonPositive rule, double value) {
        return of(Method.HARMONIC, rule, value);
    }

    /**
     * The Copeland count of weighted majority duels: non-compensatory.
     *
     * @return the aggregator
     */
    public static Aggregator copeland() {
        return COPELAND;
    }

    /**
     * An aggregator by method with the default rule for non-positive points (refuse).
     *
     * @param method the method
     * @return the aggregator
     * @throws NullPointerException if method is null
     */
    public static Aggregator of(Method method) {
        switch (Objects.requireNonNull(method, "method")) {
            case ARITHMETIC:
                return ARITHMETIC;
            case GEOMETRIC:
                return GEOMETRIC;
            case HARMONIC:
                return HARMONIC;
            default:
                return COPELAND;
        }
    }

    private static Aggregator of(Method method, NonPositive rule, double value) {
        Objects.requireNonNull(rule, "rule");
        if (rule == NonPositive.REFUSE) {
            return of(method);
        }
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException("the " + rule.name().toLowerCase(Locale.ROOT) + " value of a "
                    + method.id() + " mean must be positive and finite, but was " + value);
        }
        return new Aggregator(method, rule, value);
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
     * The rule for points at or below zero (geometric and harmonic).
     *
     * @return the rule
     */
    public NonPositive nonPositive() {
        return rule;
    }

    /**
     * The floor or shift of the rule for non-positive points.
     *
     * @return the value; 0 for REFUSE
     */
    public double nonPositiveValue() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Aggregator a && a.method == method && a.rule == rule
                && Double.compare(a.value, value) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, rule, value);
    }

    /**
     * The aggregator as in documents: {@code arithmetic}, {@code geometric(floor 1)}.
     *
     * @return the text
     */
    @Override
    public String toString() {
        return rule == NonPositive.REFUSE ? method.id()
                : method.id() + "(" + rule.name().toLowerCase(Locale.ROOT) + " " + Normalization.num(value) + ")";
    }
}
