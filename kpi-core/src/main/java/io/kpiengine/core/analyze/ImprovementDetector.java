package io.kpiengine.core.analyze;

import io.kpiengine.core.KpiResults;
import java.util.List;

/**
 * A source of {@link ImprovementPoint}s beyond the built-in ones, added to an {@link ImprovementQuery}: a team's own
 * rules over the result table. Its points are ranked with the others by their score. (A tracking scorecard's points
 * are added with {@link ImprovementQuery#include(ImprovementPoints)}.)
 *
 * <pre>{@code
 * ImprovementDetector lateOrders = results -> results.series("late_orders").stream()
 *         .filter(c -> c.value().value() > 100)
 *         .map(c -> new ImprovementPoint("late-orders", "late_orders", Map.of(), c.period(), 3.0,
 *                 "more than 100 late orders", c.value() + " late orders", Map.of("late", c.value().value())))
 *         .toList();
 * results.improvementPoints().detector(lateOrders).run();
 * }</pre>
 *
 * <p>Implementations should be stateless or thread-safe; {@link ImprovementQuery#run()} calls each once.
 */
@FunctionalInterface
public interface ImprovementDetector {

    /**
     * Finds points in a result table.
     *
     * @param results the result table
     * @return the points found, possibly empty, never null
     */
    List<ImprovementPoint> detect(KpiResults results);
}
