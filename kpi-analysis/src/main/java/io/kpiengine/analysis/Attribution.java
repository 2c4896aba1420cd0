package io.kpiengine.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Splits the change of a metric between two periods into the contributions of its drivers, so that the
 * contributions add up exactly to the change.
 *
 * <p><b>Methods.</b> For a metric that is a sum of drivers ({@code revenue = online + stores}),
 * {@link #additive(List)}: each driver contributes its own change. For a product
 * ({@code revenue = visitors x conversion x order value}) there is no unique answer; two standard ones:
 * <ul>
 *   <li>{@link #lmdi(List)}, the logarithmic mean Divisia index (LMDI-I, Ang 2005): driver {@code i} contributes
 *       {@code L(V1, V0) ln(x1_i / x0_i)} with {@code L(a, b) = (a - b) / ln(a / b)} ({@code L(a, a) = a}), which
 *       sums to {@code V1 - V0} because the logs of the drivers' ratios sum to the log of the metric's ratio.
 *       <em>Zeros and signs:</em> a driver may be negative if it keeps its sign (then {@code V1 / V0 > 0} and the
 *       identity holds); a driver that changes sign is an {@link AnalysisException}. One driver equal to 0 in one
 *       period takes the analytical limit of Ang and Liu (2007): that driver contributes the whole change, every
 *       other driver 0. Two zeros, or a driver 0 in both periods with the metric moving, are an
 *       {@link AnalysisException} pointing to Shapley.</li>
 *   <li>{@link #shapley(List)}: the Shapley value of each driver in the game "switch a set S of drivers from
 *       their before to their after values": {@code phi_i = sum over S not containing i of |S|! (k - |S| - 1)! / k!
 *       (f(S + i) - f(S))}. Efficiency makes the values sum to {@code V1 - V0}; it takes any sign and zeros; it costs
 *       {@code 2^k} products ({@code k} at most {@value #MAX_SHAPLEY_DRIVERS}). For two drivers it is the familiar
 *       "each change at the average of the other's two values".</li>
 * </ul>
 * For any other function of the drivers ({@code (revenue - cost) / revenue}), {@link #shapley(List,
 * ToDoubleFunction)} plays the same game with the function in place of the product: {@code 2^k} evaluations.
 * {@link #segments(List)} splits the change of a total over its segments and ranks them; {@link MixRate} splits the
 * change of a ratio over segments into mix and rate effects; {@link Funnel} does stages.
 *
 * <pre>{@code
 * DriverSplit split = Attribution.lmdi(List.of(
 *         DriverChange.of("visitors", 10_000, 12_000),
 *         DriverChange.of("conversion", 0.021, 0.019),
 *         DriverChange.of("order value", 54.0, 57.5)));
 * split.contributions().forEach(c -> System.out.println(c.name() + " " + c.amount()));
 * }</pre>
 */
public final class Attribution {

    /** The most drivers {@link #shapley(List)} and {@link #shapley(List, ToDoubleFunction)} accept. */
    public static final int MAX_SHAPLEY_DRIVERS = 20;

    private static final String LMDI = "lmdi";

    private Attribution() {
    }

    /**
     * Splits the change of a sum of drivers: each driver contributes its own change.
     *
     * @param drivers the drivers, at least one
     * @return the split; the metric is the sum of the drivers
     * @throws NullPointerException if the list or a driver is null
     * @throws IllegalArgumentException if the list is empty or a name repeats
     */
    public static DriverSplit additive(List<DriverChange> drivers) {
        List<DriverChange> list = check(drivers);
        double before = 0;
        double after = 0;
        for (DriverChange d : list) {
            before += d.before();
            after += d.after();
        }
        double[] amounts = new double[list.size()];
        for (int i = 0; i < amounts.length; i++) {
            amounts[i] = list.get(i).change();
        }
        return split("additive", list, before, after, amounts);
    }

    /**
     * Splits the change of a product of drivers by LMDI.
     *
     * @param drivers the factors, at least one
     * @return the split; the metric is the product of the drivers
     * @throws NullPointerException if the list or a driver is null
     * @throws IllegalArgumentException if the list is empty or a name repeats
     * @throws AnalysisException if a driver changes sign, or zeros leave the split undefined (use
     *     {@link #shapley(List)})
     */
    public static DriverSplit lmdi(List<DriverChange> drivers) {
        List<DriverChange> list = check(drivers);
        int k = list.size();
        double before = product(list, -1);
        double after = product(list, k);
        double[] amounts = new double[k];
        int zeroBefore = -1;
        int zeroAfter = -1;
        int zeros = 0;
        for (int i = 0; i < k; i++) {
            DriverChange d = list.get(i);
            if (d.before() == 0) {
                zeroBefore = i;
                zeros++;
            }
            if (d.after() == 0) {
                zeroAfter = i;
                zeros++;
            }
            if (d.before() * d.after() < 0) {
                throw new AnalysisException(LMDI, "driver '" + d.name() + "'", "changes sign (" + Texts.number(d.before())
                        + " to " + Texts.number(d.after()) + "); LMDI needs each driver to keep its sign, use Shapley");
            }
        }
        if (zeros > 0) {
            if (before == after) {
                return split(LMDI, list, before, after, amounts);
            }
            if (zeros > 1) {
                throw new AnalysisException(LMDI, "drivers", "are 0 in " + zeros + " places; the LMDI limit is"
                        + " defined for a single zero, use Shapley");
            }
            amounts[zeroBefore >= 0 ? zeroBefore : zeroAfter] = after - before;
            return split(LMDI, list, before, after, amounts);
        }
        double weight = after == before ? before : (after - before) / Math.log(after / before);
        for (int i = 0; i < k; i++) {
            DriverChange d = list.get(i);
            amounts[i] = weight * Math.log(d.after() / d.before());
        }
        return split(LMDI, list, before, after, amounts);
    }

    /**
     * Splits the change of a product of drivers by Shapley values.
     *
     * @param drivers the factors, at least one and at most {@value #MAX_SHAPLEY_DRIVERS}
     * @return the split; the metric is the product of the drivers
     * @throws NullPointerException if the list or a driver is null
     * @throws IllegalArgumentException if the list is empty, too long, or a name repeats
     */
    public static DriverSplit shapley(List<DriverChange> drivers) {
        List<DriverChange> list = check(drivers);
        capped(list.size());
        double[] value = new double[1 << list.size()];
        for (int mask = 0; mask < value.length; mask++) {
            double p = 1;
            for (int i = 0; i < list.size(); i++) {
                DriverChange d = list.get(i);
                p *= (mask & (1 << i)) != 0 ? d.after() : d.before();
            }
            value[mask] = p;
        }
        return shapley(list, value);
    }

    /**
     * Splits the change of any function of the drivers by Shapley values: the game is the same as for a product
     * ({@link #shapley(List)}), with {@code f(S)} the function at the drivers of S at their after values and the
     * others at their before values. It evaluates the function {@code 2^k} times for {@code k} drivers (at most
     * {@value #MAX_SHAPLEY_DRIVERS}: about a million evaluations) and keeps the {@code 2^k} values (8 bytes each).
     *
     * <pre>{@code
     * // margin = (revenue - cost) / revenue
     * DriverSplit split = Attribution.shapley(List.of(
     *         DriverChange.of("revenue", 1_000, 1_200), DriverChange.of("cost", 700, 780)),
     *         x -> (x[0] - x[1]) / x[0]);
     * }</pre>
     *
     * @param drivers the inputs of the function, at least one and at most {@value #MAX_SHAPLEY_DRIVERS}
     * @param function the metric as a function of the drivers' values, in the order of {@code drivers}; the array
     *     it is given is reused between calls, so it must not keep it
     * @return the split; {@code before()} and {@code after()} are the function at all before and all after values
     * @throws NullPointerException if an argument or a driver is null
     * @throws IllegalArgumentException if the list is empty, too long, or a name repeats
     * @throws AnalysisException if the function has no finite value for a mix of before and after values (a
     *     division by zero, say); the message names the drivers at their after values
     */
    public static DriverSplit shapley(List<DriverChange> drivers, ToDoubleFunction<double[]> function) {
        List<DriverChange> list = check(drivers);
        Objects.requireNonNull(function, "function");
        int k = list.size();
        capped(k);
        double[] x = new double[k];
        double[] value = new double[1 << k];
        for (int mask = 0; mask < value.length; mask++) {
            for (int i = 0; i < k; i++) {
                x[i] = (mask & (1 << i)) != 0 ? list.get(i).after() : list.get(i).before();
            }
            value[mask] = function.applyAsDouble(x);
            if (!Double.isFinite(value[mask])) {
                List<String> after = new ArrayList<>();
                for (int i = 0; i < k; i++) {
                    if ((mask & (1 << i)) != 0) {
                        after.add(list.get(i).name());
                    }
                }
                throw new AnalysisException("shapley", "drivers", "give the function no finite value ("
                        + value[mask] + ") with " + (after.isEmpty() ? "every driver at its before value"
                        : after + " at their after values and the others at their before values")
                        + "; every mix of before and after values needs one");
            }
        }
        return shapley(list, value);
    }

    private static void capped(int k) {
        if (k > MAX_SHAPLEY_DRIVERS) {
            throw new IllegalArgumentException("shapley takes at most " + MAX_SHAPLEY_DRIVERS + " drivers, but got "
                    + k);
        }
    }

    /** Shapley values from the value of every coalition: bit i of the index set means driver i at its after value. */
    private static DriverSplit shapley(List<DriverChange> list, double[] value) {
        int k = list.size();
        // weight of a coalition of size s that excludes i: s! (k - s - 1)! / k! = 1/k / C(k-1, s)
        double[] weight = new double[k];
        for (int s = 0; s < k; s++) {
            double w = 1.0 / k;
            for (int j = 1; j <= s; j++) {
                w *= (double) j / (k - j);
            }
            weight[s] = w;
        }
        double[] amounts = new double[k];
        for (int mask = 0; mask < value.length; mask++) {
            int size = Integer.bitCount(mask);
            for (int i = 0; i < k; i++) {
                if ((mask & (1 << i)) == 0) {
                    amounts[i] += weight[size] * (value[mask | (1 << i)] - value[mask]);
                }
            }
        }
        return split("shapley", list, value[0], value[value.length - 1], amounts);
    }

    /**
     * Splits the change of a total over its segments and ranks them; see {@link SegmentChanges}.
     *
     * @param segments the segments, at least one; the total is their sum
     * @return the contributions, ranked, with the top contributors, detractors and the concentration
     * @throws NullPointerException if the list or a segment is null
     * @throws IllegalArgumentException if the list is empty or a name repeats
     */
    public static SegmentChanges segments(List<DriverChange> segments) {
        return new SegmentChanges(additive(segments));
    }

    private static DriverSplit split(String method, List<DriverChange> list, double before, double after,
            double[] amounts) {
        double change = after - before;
        List<Contribution> out = new ArrayList<>(list.size());
        for (int i = 0; i < amounts.length; i++) {
            DriverChange d = list.get(i);
            Figure share = change == 0 ? Figure.absent("the metric did not change")
                    : Figure.of(amounts[i] / change);
            out.add(new Contribution(d.name(), d.before(), d.after(), amounts[i], share));
        }
        return new DriverSplit(method, before, after, out);
    }

    private static double product(List<DriverChange> list, int side) {
        double p = 1;
        for (DriverChange d : list) {
            p *= side < 0 ? d.before() : d.after();
        }
        return p;
    }

    static List<DriverChange> check(List<DriverChange> drivers) {
        List<DriverChange> list = List.copyOf(drivers);
        if (list.isEmpty()) {
            throw new IllegalArgumentException("at least one driver is needed");
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (DriverChange d : list) {
            if (!names.add(d.name())) {
                throw new IllegalArgumentException("driver names must be distinct, but '" + d.name()
                        + "' appears twice");
            }
        }
        return list;
    }

}
