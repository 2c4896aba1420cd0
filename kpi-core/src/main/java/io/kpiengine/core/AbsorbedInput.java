package io.kpiengine.core;

import java.time.Instant;
import java.util.Objects;

/**
 * One input an {@link AggregationState} has absorbed: which data source read it, its identity, and the run that
 * absorbed it. {@link KpiEngine#evaluate(AggregationState, KpiInputs)} refuses an input whose id the state has
 * already absorbed for the same source, naming this record.
 *
 * <pre>{@code
 * for (AbsorbedInput a : state.absorbed()) {
 *     System.out.println(a.source() + " " + a.input().describe() + " run " + a.run() + " at " + a.at());
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param source the data source that read the input
 * @param input the input's identity
 * @param run the number of the run that absorbed it (1 for the run that created the state, counting every
 *     evaluation that produced a state from it)
 * @param at when that run ended, by the engine's clock
 */
public record AbsorbedInput(String source, InputId input, long run, Instant at) {

    /**
     * Validates the components.
     *
     * @param source the data source that read the input
     * @param input the input's identity
     * @param run the number of the run that absorbed it, at least 1
     * @param at when that run ended
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if run is below 1
     */
    public AbsorbedInput {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(at, "at");
        if (run < 1) {
            throw new IllegalArgumentException("run must be >= 1, but was " + run);
        }
    }
}
