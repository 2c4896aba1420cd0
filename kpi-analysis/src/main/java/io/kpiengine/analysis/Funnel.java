package io.kpiengine.analysis;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A conversion funnel (visit, sign-up, trial, purchase): each stage's conversion and drop-off, the stage that
 * loses the most, and the split of a change in final conversions between the top of the funnel and each step.
 *
 * <p>The final count is the top count times the step conversions, {@code c_k = c_1 x (c_2 / c_1) x ... x (c_k /
 * c_(k-1))}, so {@link #compare(Funnel, Funnel)} splits the change of {@code c_k} over these factors with
 * {@link Attribution#lmdi(List) LMDI} when every count is positive, else with {@link Attribution#shapley(List)
 * Shapley} (the method is named in the result). Counts need not decrease (a stage can be entered from outside the
 * funnel); a rise shows as a negative drop-off.
 *
 * <pre>{@code
 * Funnel week = Funnel.of(List.of("visit", "signup", "trial", "paid"), 20_000, 1_400, 600, 150);
 * week.biggestDrop().ifPresent(s -> System.out.println("largest loss before " + s.name()));
 * DriverSplit why = Funnel.compare(lastWeek, week);
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Funnel {

    private final List<FunnelStage> stages;

    private Funnel(List<FunnelStage> stages) {
        this.stages = List.copyOf(stages);
    }

    /**
     * Returns a funnel.
     *
     * @param stages the stage names, top first, at least two, distinct
     * @param counts the count of each stage, at least 0
     * @return the funnel
     * @throws NullPointerException if an argument or a name is null
     * @throws IllegalArgumentException if the sizes differ, there are fewer than two stages, a name repeats, or a
     *     count is negative or not finite
     */
    public static Funnel of(List<String> stages, double... counts) {
        List<String> names = List.copyOf(stages);
        Objects.requireNonNull(counts, "counts");
        if (names.size() != counts.length) {
            throw new IllegalArgumentException("every stage needs one count, but there are " + names.size()
                    + " stages and " + counts.length + " counts");
        }
        if (names.size() < 2) {
            throw new IllegalArgumentException("a funnel needs at least 2 stages, but got " + names.size());
        }
        Set<String> seen = new HashSet<>();
        List<FunnelStage> out = new ArrayList<>(names.size());
        for (int i = 0; i < counts.length; i++) {
            String name = names.get(i);
            double c = counts[i];
            if (!seen.add(name)) {
                throw new IllegalArgumentException("stage names must be distinct, but '" + name + "' appears twice");
            }
            if (!(c >= 0) || !Double.isFinite(c)) {
                throw new IllegalArgumentException("stage '" + name + "' must have a count of at least 0, but had "
                        + c);
            }
            Figure top = counts[0] > 0 ? Figure.of(c / counts[0])
                    : Figure.absent("the first stage '" + names.get(0) + "' has a count of 0");
            if (i == 0) {
                out.add(new FunnelStage(name, c, Figure.of(1), top, 0, Figure.of(0)));
                continue;
            }
            double previous = counts[i - 1];
            Figure step = previous > 0 ? Figure.of(c / previous)
                    : Figure.absent("the previous stage '" + names.get(i - 1) + "' has a count of 0");
            Figure drop = step.isPresent() ? Figure.of(1 - step.value()) : step;
            out.add(new FunnelStage(name, c, step, top, previous - c, drop));
        }
        return new Funnel(out);
    }

    /**
     * Returns the stages, top first.
     *
     * @return the stages
     */
    public List<FunnelStage> stages() {
        return stages;
    }

    /**
     * Returns the conversion from the first to the last stage.
     *
     * @return {@code last count / first count}, absent when the first count is 0
     */
    public Figure overall() {
        return stages.get(stages.size() - 1).fromTop();
    }

    /**
     * Returns the stage with the highest drop-off rate from its previous stage (ties: the earlier stage).
     *
     * @return the stage, or empty when no rate is defined
     */
    public Optional<FunnelStage> biggestDrop() {
        FunnelStage best = null;
        for (FunnelStage s : stages.subList(1, stages.size())) {
            if (s.dropOffRate().isPresent()
                    && (best == null || s.dropOffRate().value() > best.dropOffRate().value())) {
                best = s;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Splits the change of the last stage's count between two funnels into the part due to the top count and the
     * part due to each step's conversion.
     *
     * @param before the funnel in the earlier period
     * @param after the funnel in the later period, with the same stages
     * @return the split: drivers {@code "<first stage>"} (the top count) and {@code "<stage> / <previous>"} (each
     *     step's conversion); LMDI when all counts are positive, else Shapley
     * @throws NullPointerException if a funnel is null
     * @throws IllegalArgumentException if the stage names differ
     * @throws AnalysisException if a stage has a count after an empty stage
     */
    public static DriverSplit compare(Funnel before, Funnel after) {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        List<String> a = before.stages.stream().map(FunnelStage::name).toList();
        List<String> b = after.stages.stream().map(FunnelStage::name).toList();
        if (!a.equals(b)) {
            throw new IllegalArgumentException("funnels must have the same stages, but had " + a + " and " + b);
        }
        requireProduct(before, "earlier");
        requireProduct(after, "later");
        boolean positive = true;
        for (int i = 0; i < a.size(); i++) {
            positive &= before.stages.get(i).count() > 0 && after.stages.get(i).count() > 0;
        }
        List<DriverChange> drivers = new ArrayList<>();
        drivers.add(DriverChange.of(a.get(0), before.stages.get(0).count(), after.stages.get(0).count()));
        for (int i = 1; i < a.size(); i++) {
            drivers.add(DriverChange.of(a.get(i) + " / " + a.get(i - 1), ratio(before, i), ratio(after, i)));
        }
        if (positive) {
            return Attribution.lmdi(drivers);
        }
        return Attribution.shapley(drivers);
    }

    /** Throws unless the last count is the product of the top count and the step conversions. */
    private static void requireProduct(Funnel f, String period) {
        for (int i = 1; i < f.stages.size(); i++) {
            if (f.stages.get(i - 1).count() == 0 && f.stages.get(i).count() > 0) {
                throw new AnalysisException("funnel", "stage '" + f.stages.get(i).name() + "'", "has a count of "
                        + Texts.number(f.stages.get(i).count()) + " in the " + period + " period after an empty stage '"
                        + f.stages.get(i - 1).name() + "'; the last count is not a product of step conversions");
            }
        }
    }

    /** The step conversion, 0 when the previous stage is empty (the product is then 0 as the final count is). */
    private static double ratio(Funnel f, int i) {
        double previous = f.stages.get(i - 1).count();
        return previous > 0 ? f.stages.get(i).count() / previous : 0;
    }

    @Override
    public String toString() {
        return "Funnel" + stages;
    }
}
