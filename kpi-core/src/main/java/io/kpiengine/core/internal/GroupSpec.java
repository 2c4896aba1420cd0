package io.kpiengine.core.internal;

import java.util.List;
import java.util.Objects;

/**
 * The grouping of a {@link GroupState}: the time column that picks the period of a row and the dimension columns.
 *
 * @param timeColumn a TIMESTAMP or DATE column
 * @param dimensions dimension columns, in order; may be empty
 */
public record GroupSpec(String timeColumn, List<String> dimensions) {

    /**
     * Validates and copies the components.
     *
     * @param timeColumn the timeColumn component
     * @param dimensions the dimensions component
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if a dimension repeats
     */
    public GroupSpec {
        Objects.requireNonNull(timeColumn, "timeColumn");
        dimensions = List.copyOf(dimensions);
        if (dimensions.stream().distinct().count() != dimensions.size()) {
            throw new IllegalArgumentException("dimensions must be distinct, but were " + dimensions);
        }
    }

    // equals and hashCode are written out: a record's generated ones link an invokedynamic bootstrap the first time
    // they run, and this key is hashed on every short run's start path (BENCHMARKS.md, cold start)

    @Override
    public boolean equals(Object o) {
        return o instanceof GroupSpec g && g.timeColumn.equals(timeColumn) && g.dimensions.equals(dimensions);
    }

    @Override
    public int hashCode() {
        return 31 * timeColumn.hashCode() + dimensions.hashCode();
    }
}
