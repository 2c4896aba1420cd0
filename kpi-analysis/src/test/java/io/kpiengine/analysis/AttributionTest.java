package io.kpiengine.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Driver attribution: hand-worked examples, independent oracles (Shapley as the average over every order of the
 * marginal contributions; LMDI's logarithmic mean written as {@code (V1 - V0) / (ln V1 - ln V0)}), and properties
 * (every split sums to the change; LMDI's zero rule is the limit of small values).
 */
class AttributionTest {

    private static final List<DriverChange> REVENUE = List.of(
            DriverChange.of("visitors", 1000, 1200),
            DriverChange.of("conversion", 0.02, 0.019),
            DriverChange.of("order value", 50, 52));

    @Test
    void additive_eachDriverContributesItsChange() {
        DriverSplit split = Attribution.additive(List.of(DriverChange.of("online", 300, 420),
                DriverChange.of("stores", 900, 860)));

        assertThat(split.change()).isEqualTo(80);
        assertThat(split.contributions()).extracting(Contribution::amount).containsExactly(120.0, -40.0);
        assertThat(split.contributions().get(0).share().value()).isEqualTo(1.5);
    }

    /* V0 = 1000 * 0.02 * 50 = 1000, V1 = 1200 * 0.019 * 52 = 1185.6; L = (V1 - V0) / (ln V1 - ln V0) */
    @Test
    void lmdi_revenue_equalsLogMeanTimesLogRatio() {
        DriverSplit split = Attribution.lmdi(REVENUE);

        double v0 = 1000.0;
        double v1 = 1200 * 0.019 * 52;
        double l = (v1 - v0) / (Math.log(v1) - Math.log(v0));
        assertThat(split.before()).isCloseTo(v0, within(1e-9));
        assertThat(split.after()).isCloseTo(v1, within(1e-9));
        assertThat(split.contributions().get(0).amount()).isCloseTo(l * Math.log(1.2), within(1e-9));
        assertThat(split.contributions().get(1).amount()).isCloseTo(l * Math.log(0.95), within(1e-9));
        assertThat(split.contributions().get(2).amount()).isCloseTo(l * Math.log(1.04), within(1e-9));
        assertThat(sum(split)).isCloseTo(split.change(), within(1e-9));
    }

    /* two drivers: phi_a = (a1 - a0)(b0 + b1) / 2, phi_b = (b1 - b0)(a0 + a1) / 2 */
    @Test
    void shapley_twoDrivers_isTheAverageOfBothOrders() {
        DriverSplit split = Attribution.shapley(List.of(DriverChange.of("price", 10, 12),
                DriverChange.of("units", 100, 90)));

        assertThat(split.contributions().get(0).amount()).isCloseTo(2 * (100 + 90) / 2.0, within(1e-12));
        assertThat(split.contributions().get(1).amount()).isCloseTo(-10 * (10 + 12) / 2.0, within(1e-12));
        assertThat(split.change()).isCloseTo(1080 - 1000, within(1e-12));
    }

    @Test
    void shapley_randomDrivers_equalsAverageOverAllOrders() {
        for (long seed = 1; seed <= 30; seed++) {
            Random random = new Random(seed);
            int k = 1 + random.nextInt(5);
            List<DriverChange> drivers = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                drivers.add(DriverChange.of("d" + i, value(random), value(random)));
            }
            DriverSplit split = Attribution.shapley(drivers);
            double[] oracle = permutationAverage(drivers, AttributionTest::product);
            for (int i = 0; i < k; i++) {
                assertThat(split.contributions().get(i).amount()).as("seed %d driver %d", seed, i)
                        .isCloseTo(oracle[i], within(1e-9 * (1 + Math.abs(oracle[i]))));
            }
            assertThat(sum(split)).as("seed %d", seed)
                    .isCloseTo(split.change(), within(1e-9 * (1 + Math.abs(split.change()))));
        }
    }

    /* margin = (revenue - cost) / revenue + fee: any function of the drivers, against the same oracle */
    @Test
    void shapleyOfAFunction_randomDrivers_equalsAverageOverAllOrders() {
        ToDoubleFunction<double[]> margin = x -> (x[0] - x[1]) / x[0] + (x.length > 2 ? x[2] * x[2] : 0);
        for (long seed = 1; seed <= 30; seed++) {
            Random random = new Random(seed);
            int k = 2 + random.nextInt(2);
            List<DriverChange> drivers = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                drivers.add(DriverChange.of("d" + i, 1 + random.nextDouble() * 10, 1 + random.nextDouble() * 10));
            }
            DriverSplit split = Attribution.shapley(drivers, margin);
            double[] oracle = permutationAverage(drivers, (d, switched) -> {
                double[] x = new double[k];
                for (int i = 0; i < k; i++) {
                    x[i] = switched[i] ? drivers.get(i).after() : drivers.get(i).before();
                }
                return margin.applyAsDouble(x);
            });
            for (int i = 0; i < k; i++) {
                assertThat(split.contributions().get(i).amount()).as("seed %d driver %d", seed, i)
                        .isCloseTo(oracle[i], within(1e-12 * (1 + Math.abs(oracle[i]))));
            }
            double[] before = drivers.stream().mapToDouble(DriverChange::before).toArray();
            double[] after = drivers.stream().mapToDouble(DriverChange::after).toArray();
            assertThat(split.before()).isEqualTo(margin.applyAsDouble(before));
            assertThat(split.after()).isEqualTo(margin.applyAsDouble(after));
            assertThat(sum(split)).isCloseTo(split.change(), within(1e-12));
            assertThat(split.method()).isEqualTo("shapley");
        }
        // a product as a function is the product game
        DriverSplit asFunction = Attribution.shapley(REVENUE, x -> x[0] * x[1] * x[2]);
        DriverSplit asProduct = Attribution.shapley(REVENUE);
        for (int i = 0; i < 3; i++) {
            assertThat(asFunction.contributions().get(i).amount())
                    .isCloseTo(asProduct.contributions().get(i).amount(), within(1e-9));
        }
    }

    @Test
    void shapleyOfAFunction_noValueForAMix_namesTheDriversSwitched() {
        List<DriverChange> drivers = List.of(DriverChange.of("revenue", 100, 0), DriverChange.of("cost", 50, 0));
        assertThatThrownBy(() -> Attribution.shapley(drivers, x -> (x[0] - x[1]) / x[0]))
                .isInstanceOf(AnalysisException.class)
                .hasMessage("shapley: drivers give the function no finite value (-Infinity) with [revenue] at their"
                        + " after values and the others at their before values; every mix of before and after values"
                        + " needs one");
        List<DriverChange> many = new ArrayList<>();
        for (int i = 0; i <= Attribution.MAX_SHAPLEY_DRIVERS; i++) {
            many.add(DriverChange.of("x" + i, 1, 2));
        }
        assertThatThrownBy(() -> Attribution.shapley(many, x -> 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shapley takes at most 20 drivers, but got 21");
    }

    /** Average over the k! orders of switching drivers from before to after of each driver's marginal change. */
    private static double[] permutationAverage(List<DriverChange> drivers,
            java.util.function.BiFunction<List<DriverChange>, boolean[], Double> f) {
        int k = drivers.size();
        double[] total = new double[k];
        int[] order = new int[k];
        for (int i = 0; i < k; i++) {
            order[i] = i;
        }
        int count = 0;
        do {
            boolean[] switched = new boolean[k];
            double current = f.apply(drivers, switched);
            for (int i : order) {
                switched[i] = true;
                double next = f.apply(drivers, switched);
                total[i] += next - current;
                current = next;
            }
            count++;
        } while (nextPermutation(order));
        for (int i = 0; i < k; i++) {
            total[i] /= count;
        }
        return total;
    }

    private static double product(List<DriverChange> drivers, boolean[] switched) {
        double p = 1;
        for (int i = 0; i < drivers.size(); i++) {
            p *= switched[i] ? drivers.get(i).after() : drivers.get(i).before();
        }
        return p;
    }

    private static boolean nextPermutation(int[] a) {
        int i = a.length - 2;
        while (i >= 0 && a[i] >= a[i + 1]) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        int j = a.length - 1;
        while (a[j] <= a[i]) {
            j--;
        }
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
        for (int l = i + 1, r = a.length - 1; l < r; l++, r--) {
            t = a[l];
            a[l] = a[r];
            a[r] = t;
        }
        return true;
    }

    private static double value(Random random) {
        int kind = random.nextInt(8);
        return kind == 0 ? 0 : kind == 1 ? -1 - random.nextDouble() * 5 : 0.1 + random.nextDouble() * 10;
    }

    @Test
    void lmdi_randomSignKeepingDrivers_sumsToTheChange() {
        for (long seed = 1; seed <= 200; seed++) {
            Random random = new Random(seed);
            int k = 1 + random.nextInt(6);
            List<DriverChange> drivers = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                double sign = random.nextInt(4) == 0 ? -1 : 1;
                drivers.add(DriverChange.of("d" + i, sign * (0.01 + random.nextDouble() * 100),
                        sign * (0.01 + random.nextDouble() * 100)));
            }
            DriverSplit split = Attribution.lmdi(drivers);
            assertThat(sum(split)).as("seed %d", seed)
                    .isCloseTo(split.change(), within(1e-9 * (1 + Math.abs(split.before()) + Math.abs(split.after()))));
        }
    }

    /**
     * The zero rule is the limit of LMDI as the value goes to 0 (Ang and Liu 2007); the approach is slow, the other
     * driver's part shrinking like {@code 1 / ln(1 / epsilon)}.
     */
    @Test
    void lmdi_singleZero_isTheLimitOfSmallValues() {
        DriverSplit exact = Attribution.lmdi(List.of(DriverChange.of("a", 0, 3), DriverChange.of("b", 2, 5)));
        assertThat(exact.contributions().get(0).amount()).isEqualTo(15);
        assertThat(exact.contributions().get(1).amount()).isZero();

        double previous = Double.POSITIVE_INFINITY;
        for (double epsilon : new double[] {1e-50, 1e-150, 1e-300}) {
            DriverSplit near = Attribution.lmdi(List.of(DriverChange.of("a", epsilon, 3), DriverChange.of("b", 2, 5)));
            double other = near.contributions().get(1).amount();
            assertThat(other).isPositive().isLessThan(previous);
            assertThat(near.contributions().get(0).amount() + other).isCloseTo(15, within(1e-12));
            previous = other;
        }
        assertThat(previous).isLessThan(0.021);
    }

    @Test
    void lmdi_signChangeOrTwoZeros_pointsToShapley() {
        assertThatThrownBy(() -> Attribution.lmdi(List.of(DriverChange.of("margin", 0.05, -0.02),
                DriverChange.of("units", 10, 12))))
                .isInstanceOf(AnalysisException.class)
                .hasMessage("lmdi: driver 'margin' changes sign (0.05 to -0.02); LMDI needs each driver to keep its"
                        + " sign, use Shapley");
        assertThatThrownBy(() -> Attribution.lmdi(List.of(DriverChange.of("a", 0, 2), DriverChange.of("b", 0, 5))))
                .isInstanceOf(AnalysisException.class)
                .hasMessage("lmdi: drivers are 0 in 2 places; the LMDI limit is defined for a single zero, use"
                        + " Shapley");
    }

    @Test
    void segments_rankContributorsDetractorsAndConcentration() {
        SegmentChanges changes = Attribution.segments(List.of(
                DriverChange.of("north", 100, 130),
                DriverChange.of("south", 200, 190),
                DriverChange.of("east", 50, 50),
                DriverChange.of("west", 80, 140)));

        assertThat(changes.change()).isEqualTo(80);
        assertThat(changes.ranked()).extracting(Contribution::name).containsExactly("west", "north", "south", "east");
        assertThat(changes.contributors()).extracting(Contribution::name).containsExactly("west", "north");
        assertThat(changes.detractors()).extracting(Contribution::name).containsExactly("south");
        // |60|, |30|, |-10|, 0 of 100: 0.36 + 0.09 + 0.01
        assertThat(changes.concentration().value()).isCloseTo(0.46, within(1e-15));
        assertThat(changes.ranked().get(0).share().value()).isEqualTo(0.75);
    }

    /*
     * search: 300/10000 -> 330/9000 (rate 0.03 -> 0.0366..), weight 10000/14000 -> 9000/18000
     * social:  40/4000  ->  90/9000 (rate 0.01 -> 0.01),     weight  4000/14000 -> 9000/18000
     */
    @Test
    void mixRate_channels_splitsExactlyWithMidpointWeights() {
        MixRateSplit split = MixRate.of(List.of(new SegmentRatio("search", 300, 10_000, 330, 9_000),
                new SegmentRatio("social", 40, 4_000, 90, 9_000)));

        assertThat(split.rateBefore()).isCloseTo(340 / 14_000.0, within(1e-15));
        assertThat(split.rateAfter()).isCloseTo(420 / 18_000.0, within(1e-15));
        SegmentMixRate search = split.segments().get(0);
        double w0 = 10_000 / 14_000.0;
        double r1 = 330 / 9_000.0;
        assertThat(search.mixEffect()).isCloseTo((0.5 - w0) * (0.03 + r1) / 2, within(1e-15));
        assertThat(search.rateEffect()).isCloseTo((r1 - 0.03) * (w0 + 0.5) / 2, within(1e-15));
        assertThat(split.segments().get(1).rateEffect()).isZero();
        assertThat(split.mixEffect() + split.rateEffect()).isCloseTo(split.change(), within(1e-15));
        assertThat(split.mixEffect()).isNegative();
    }

    @Test
    void mixRate_randomSegments_sumToTheChange() {
        for (long seed = 1; seed <= 100; seed++) {
            Random random = new Random(seed);
            List<SegmentRatio> segments = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(6); i++) {
                double d0 = random.nextInt(5) == 0 ? 0 : random.nextInt(1000) + 1;
                double d1 = random.nextInt(5) == 0 ? 0 : random.nextInt(1000) + 1;
                segments.add(new SegmentRatio("s" + i, d0 * random.nextDouble(), d0, d1 * random.nextDouble(), d1));
            }
            if (segments.stream().mapToDouble(SegmentRatio::denominatorBefore).sum() == 0
                    || segments.stream().mapToDouble(SegmentRatio::denominatorAfter).sum() == 0) {
                continue;
            }
            MixRateSplit split = MixRate.of(segments);
            assertThat(split.mixEffect() + split.rateEffect()).as("seed %d", seed)
                    .isCloseTo(split.change(), within(1e-14));
        }
    }

    @Test
    void funnel_stagesAndComparison() {
        List<String> stages = List.of("visit", "signup", "trial", "paid");
        Funnel before = Funnel.of(stages, 20_000, 1_400, 600, 150);
        Funnel after = Funnel.of(stages, 22_000, 1_320, 620, 140);

        FunnelStage signup = before.stages().get(1);
        assertThat(signup.fromPrevious().value()).isEqualTo(0.07);
        assertThat(signup.dropOff()).isEqualTo(18_600);
        assertThat(before.overall().value()).isEqualTo(150 / 20_000.0);
        assertThat(before.biggestDrop().orElseThrow().name()).isEqualTo("signup");

        DriverSplit why = Funnel.compare(before, after);
        assertThat(why.method()).isEqualTo("lmdi");
        assertThat(why.contributions()).extracting(Contribution::name)
                .containsExactly("visit", "signup / visit", "trial / signup", "paid / trial");
        assertThat(why.change()).isCloseTo(-10, within(1e-9));
        assertThat(sum(why)).isCloseTo(-10, within(1e-9));
        assertThat(why.contributions().get(0).amount()).isPositive();
    }

    @Test
    void funnel_emptyFirstStage_conversionsAbsentWithReason() {
        Funnel f = Funnel.of(List.of("visit", "buy"), 0, 0);

        assertThat(f.overall().reason()).contains("the first stage 'visit' has a count of 0");
        assertThat(f.stages().get(1).fromPrevious().reason()).contains("the previous stage 'visit' has a count of 0");
        assertThat(f.biggestDrop()).isEmpty();
    }

    private static double sum(DriverSplit split) {
        return split.contributions().stream().mapToDouble(Contribution::amount).sum();
    }
}
