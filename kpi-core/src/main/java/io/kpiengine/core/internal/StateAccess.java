package io.kpiengine.core.internal;

import io.kpiengine.core.agg.AggregationState;
import java.util.List;
import java.util.Objects;

/**
 * The engine's access to the internals of {@link AggregationState}, which keeps them out of its public API
 * (the accessor is installed by {@code AggregationState}'s static initializer).
 */
public abstract class StateAccess {

    private static volatile StateAccess instance;

    /**
     * Installs the accessor; called once by {@code AggregationState}.
     *
     * @param access the accessor
     */
    public static void install(StateAccess access) {
        instance = Objects.requireNonNull(access, "access");
    }

    /**
     * The accessor.
     *
     * @return the accessor
     */
    public static StateAccess get() {
        StateAccess a = instance;
        if (a == null) {
            try {
                Class.forName(AggregationState.class.getName(), true, AggregationState.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            a = instance;
        }
        return a;
    }

    /**
     * Wraps source states (taking ownership) into a public state.
     *
     * @param fingerprint the plan fingerprint
     * @param sources the source states
     * @return the state
     */
    public abstract AggregationState create(String fingerprint, List<SourceState> sources);

    /**
     * Copies of the source states of a public state.
     *
     * @param state the state
     * @return fresh copies the caller may change
     */
    public abstract List<SourceState> sources(AggregationState state);

    /**
     * The plan fingerprint of a state.
     *
     * @param state the state
     * @return the fingerprint
     */
    public abstract String fingerprint(AggregationState state);
}
