package io.kpiengine.quality.internal;

/**
 * A row-level rule bound to column positions: transforms or checks one working batch. Steps are immutable and
 * shared by every partition of every run; per-partition caches go through {@link Work#local}.
 */
interface Step {

    /**
     * Applies the rule to every row of the batch that is not removed yet.
     *
     * @param w the batch
     */
    void apply(Work w);
}
