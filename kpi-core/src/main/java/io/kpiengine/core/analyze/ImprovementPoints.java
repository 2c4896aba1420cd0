package io.kpiengine.core.analyze;

import io.kpiengine.core.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The ranked list of what deserves attention in a result table, and the notes on what could not be checked (a
 * series too short, a period without a value), so that nothing is skipped silently; see {@link ImprovementQuery}.
 *
 * <pre>{@code
 * ImprovementPoints found = results.improvementPoints().run();
 * found.points().stream().limit(5).forEach(p -> System.out.println(p.summary()));
 * found.notes().forEach(System.err::println);
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ImprovementPoints {

    /** The order of a ranking: highest score first, then by kind, then by metric and segment. */
    static final Comparator<ImprovementPoint> RANKING = Comparator.comparingDouble(ImprovementPoint::score)
            .reversed().thenComparing(ImprovementPoint::kind).thenComparing(ImprovementPoint::label);

    private final @Nullable Period last;
    private final List<ImprovementPoint> points;
    private final List<String> notes;

    ImprovementPoints(@Nullable Period last, List<ImprovementPoint> points, List<String> notes) {
        this.last = last;
        this.points = List.copyOf(points);
        this.notes = List.copyOf(notes);
    }

    /**
     * Ranks points found elsewhere (a scorecard's gaps to target, a team's own checks) into a list that
     * {@link ImprovementQuery#include(ImprovementPoints)} can rank together with the points of a result table.
     *
     * <pre>{@code
     * ImprovementPoints mine = ImprovementPoints.of(march, List.of(point), List.of("churn: no data in 2025-03"));
     * ImprovementPoints all = results.improvementPoints().include(mine).run();
     * }</pre>
     *
     * @param last the last period the points were looked for in, or null when there is none
     * @param points the points, in any order
     * @param notes what could not be checked, one sentence each
     * @return the points ranked highest score first (ties by kind, metric and segment), and the notes
     * @throws NullPointerException if a list, a point or a note is null
     */
    public static ImprovementPoints of(@Nullable Period last, List<ImprovementPoint> points, List<String> notes) {
        List<ImprovementPoint> ranked = new ArrayList<>(List.copyOf(points));
        ranked.sort(RANKING);
        return new ImprovementPoints(last, ranked, List.copyOf(notes));
    }

    /**
     * Returns the last period analysed: the period of "the last change".
     *
     * @return the period, or empty when the table has no complete period in the range
     */
    public Optional<Period> last() {
        return Optional.ofNullable(last);
    }

    /**
     * Returns the points, highest score first (ties by kind, metric and segment).
     *
     * @return an immutable list
     */
    public List<ImprovementPoint> points() {
        return points;
    }

    /**
     * Returns the points of one kind, highest score first.
     *
     * @param kind the kind, e.g. {@link ImprovementPoint#UNUSUAL_CHANGE}
     * @return an immutable list
     * @throws NullPointerException if {@code kind} is null
     */
    public List<ImprovementPoint> points(String kind) {
        Objects.requireNonNull(kind, "kind");
        return points.stream().filter(p -> p.kind().equals(kind)).toList();
    }

    /**
     * Returns what could not be checked, and why: one sentence per series or pair.
     *
     * @return an immutable list
     */
    public List<String> notes() {
        return notes;
    }

    @Override
    public String toString() {
        return "ImprovementPoints[" + points.size() + " points, " + notes.size() + " notes, last " + last + "]";
    }
}
