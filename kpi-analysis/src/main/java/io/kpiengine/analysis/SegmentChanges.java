package io.kpiengine.analysis;

import java.util.Comparator;
import java.util.List;

/**
 * The change of a total split over its segments, ranked: which segments drove it up, which dragged it down, and how
 * concentrated the change is; see {@link Attribution#segments(List)}.
 *
 * <p>Concentration is the Herfindahl–Hirschman index of the absolute contributions,
 * {@code HHI = sum of (|c_i| / sum |c_j|)^2}: 1 when a single segment made the whole move, {@code 1/k} when
 * {@code k} segments moved equally; {@code 1 / HHI} is the "effective number" of segments behind the change.
 *
 * <pre>{@code
 * SegmentChanges byRegion = Attribution.segments(regions);
 * byRegion.contributors().stream().limit(3).forEach(c -> System.out.println(c.name() + " +" + c.amount()));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SegmentChanges {

    private final DriverSplit split;
    private final List<Contribution> ranked;
    private final Figure concentration;

    SegmentChanges(DriverSplit split) {
        this.split = split;
        this.ranked = split.contributions().stream()
                .sorted(Comparator.comparingDouble((Contribution c) -> -Math.abs(c.amount()))
                        .thenComparing(Contribution::name))
                .toList();
        double absolute = 0;
        for (Contribution c : ranked) {
            absolute += Math.abs(c.amount());
        }
        if (absolute == 0) {
            concentration = Figure.absent("no segment changed");
        } else {
            double hhi = 0;
            for (Contribution c : ranked) {
                double share = Math.abs(c.amount()) / absolute;
                hhi += share * share;
            }
            concentration = Figure.of(hhi);
        }
    }

    /**
     * Returns the total in the earlier period.
     *
     * @return the sum of the segments before
     */
    public double before() {
        return split.before();
    }

    /**
     * Returns the total in the later period.
     *
     * @return the sum of the segments after
     */
    public double after() {
        return split.after();
    }

    /**
     * Returns the change of the total.
     *
     * @return {@code after - before}, the sum of the contributions
     */
    public double change() {
        return split.change();
    }

    /**
     * Returns every segment's contribution, largest absolute contribution first (ties by name).
     *
     * @return the contributions
     */
    public List<Contribution> ranked() {
        return ranked;
    }

    /**
     * Returns the segments that rose, largest first.
     *
     * @return the contributions with a positive amount
     */
    public List<Contribution> contributors() {
        return ranked.stream().filter(c -> c.amount() > 0).toList();
    }

    /**
     * Returns the segments that fell, largest fall first.
     *
     * @return the contributions with a negative amount
     */
    public List<Contribution> detractors() {
        return ranked.stream().filter(c -> c.amount() < 0).toList();
    }

    /**
     * Returns the Herfindahl–Hirschman index of the absolute contributions.
     *
     * @return the index in {@code [1/k, 1]}, absent when no segment changed
     */
    public Figure concentration() {
        return concentration;
    }

    @Override
    public String toString() {
        return "SegmentChanges[change " + change() + ", " + ranked + "]";
    }
}
