package io.kpiengine.quality;

import io.kpiengine.data.RecordSource;
import io.kpiengine.data.Schema;
import io.kpiengine.quality.internal.Plan;
import io.kpiengine.quality.internal.Run;
import java.util.Objects;

/**
 * {@link QualityRules} bound to a schema: every column resolved and type-checked, ready to clean any number of
 * sources of that schema, one after another or at the same time.
 *
 * <pre>{@code
 * Cleaner cleaner = rules.bind(source.schema());
 * try (CleanedSource clean = cleaner.clean(source)) {
 *     for (RecordBatch b = clean.next(); b != null; b = clean.next()) { ... }
 *     QualityReport report = clean.report();
 * }
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Cleaner {

    private final QualityRules rules;
    private final Plan plan;

    Cleaner(QualityRules rules, Plan plan) {
        this.rules = rules;
        this.plan = plan;
    }

    /**
     * The rules.
     *
     * @return the rules this cleaner applies
     */
    public QualityRules rules() {
        return rules;
    }

    /**
     * The schema the rules were bound to.
     *
     * @return the input schema
     */
    public Schema inputSchema() {
        return plan.input();
    }

    /**
     * The schema of the clean batches: the input columns in the same order, with the types that the rules
     * give them (time zones make TIMESTAMP, unit parsing makes numbers, conversions make DECIMAL, currencies make
     * exact DECIMAL at the target's minor unit).
     *
     * @return the output schema
     */
    public Schema outputSchema() {
        return plan.output();
    }

    /**
     * Whether cleaning holds rows until the end of the input: the rules include key duplicates, group fills
     * (forward fill, interpolation, mean, median) or outliers. Otherwise cleaning streams, and its state is the
     * exact-duplicate fingerprints plus one counter per group and period of expected-rows and spine rules.
     *
     * @return true if the rows are buffered
     */
    public boolean buffersRows() {
        return plan.buffered();
    }

    /**
     * Starts cleaning a source. The result is itself a source of clean batches; split it with
     * {@link CleanedSource#split(int)} before reading to clean on several threads.
     *
     * <pre>{@code
     * try (CleanedSource clean = cleaner.clean(source)) {
     *     for (RecordBatch b = clean.next(); b != null; b = clean.next()) { ... }
     *     QualityReport report = clean.report();
     * }
     * }</pre>
     *
     * @param source an unread source whose schema equals {@link #inputSchema()}
     * @return the clean source
     * @throws IllegalArgumentException if the schema differs
     */
    public CleanedSource clean(RecordSource source) {
        Objects.requireNonNull(source, "source");
        if (!source.schema().equals(plan.input())) {
            throw new IllegalArgumentException("source '" + source.name() + "' has schema " + source.schema()
                    + ", but the rules were bound to " + plan.input());
        }
        return Run.start(plan, source);
    }
}
