package io.kpiengine.core.metric;

import io.kpiengine.core.score.GoalTree;
import io.kpiengine.core.time.BusinessCalendar;
import io.kpiengine.core.time.Grain;
import io.kpiengine.core.track.TrackingPlan;
import io.kpiengine.data.doc.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * The raw parts of a catalog before validation, with where each definition and field stands in its document
 * (empty maps for catalogs built in code).
 */
final class CatalogParts {

    final String name;
    final Location catalogLocation;
    final BusinessCalendar calendar;
    final Grain grain;
    final List<DataSource> sources;
    final List<Metric> metrics;
    final List<Map<String, Location>> metricLocations;
    final Map<String, Location> sourceLocations;
    /** The grouping sets an evaluation reports by default, or null. */
    final @Nullable GroupingSets groupingSets;
    /** The grain the aggregation state is kept at when finer than {@link #grain}, or null. */
    final @Nullable Grain stateGrain;
    /** Where top-level fields stand ({@code groupingSets}, {@code stateGrain}); empty in code. */
    final Map<String, Location> topLocations;
    final List<GoalTree> goalTrees;
    /** Per metric: the location of a character of its formula text by index, or null. */
    final List<IntFunction<Location>> formulaPositions;
    final TrackingPlan tracking;

    CatalogParts(String name, Location catalogLocation, BusinessCalendar calendar, Grain grain,
            List<DataSource> sources, List<Metric> metrics, List<Map<String, Location>> metricLocations,
            Map<String, Location> sourceLocations, List<IntFunction<Location>> formulaPositions,
            List<GoalTree> goalTrees, TrackingPlan tracking, @Nullable GroupingSets groupingSets,
            @Nullable Grain stateGrain,
            Map<String, Location> topLocations) {
        this.name = name;
        this.catalogLocation = catalogLocation;
        this.calendar = calendar;
        this.grain = grain;
        this.sources = List.copyOf(sources);
        this.metrics = List.copyOf(metrics);
        this.metricLocations = List.copyOf(metricLocations);
        this.sourceLocations = Map.copyOf(sourceLocations);
        this.goalTrees = List.copyOf(goalTrees);
        this.formulaPositions = java.util.Collections.unmodifiableList(new ArrayList<>(formulaPositions));
        this.tracking = tracking;
        this.groupingSets = groupingSets;
        this.stateGrain = stateGrain;
        this.topLocations = Map.copyOf(topLocations);
    }

    /** Where a top-level field stands; the catalog's location when unknown. */
    Location topLocation(String field) {
        return topLocations.getOrDefault(field, catalogLocation);
    }

    /** Where a field of the i-th metric stands; falls back to the metric, then the catalog. */
    Location metricLocation(int i, String field) {
        if (i < 0 || i >= metricLocations.size()) {
            return catalogLocation;
        }
        Map<String, Location> fields = metricLocations.get(i);
        Location at = fields.get(field);
        if (at == null) {
            at = fields.get("");
        }
        return at == null ? catalogLocation : at;
    }

    /**
     * Where a column of the i-th metric's formula stands in the document: exact when the formula was read from
     * a document, else the formula field, the metric or the catalog.
     */
    Location formulaLocation(int i, int column) {
        IntFunction<Location> at = i >= 0 && i < formulaPositions.size() ? formulaPositions.get(i) : null;
        return at == null || column < 1 ? metricLocation(i, "formula") : at.apply(column - 1);
    }

    /** Where a source is defined. */
    Location sourceLocation(String name) {
        return sourceLocations.getOrDefault(name, catalogLocation);
    }
}
